package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controllers' database connections ended again and again while they work through their batches under load, as
 * PostgreSQL ends them in a restart or a failover: approval-, signing- and gc-service lose the transaction in hand,
 * retry it, and every request is still issued with one serial, and a watch sees each of its changes once, in
 * resourceVersion order.
 */
class DatabaseOutageIT {

    private static final List<String> CONTROLLERS = List.of("approval-service", "signing-service", "gc-service");
    private static final int REQUESTS = 40;
    private static final int MIN_ROUNDS = 5;
    private static final Duration BETWEEN_ROUNDS = Duration.ofMillis(700);
    private static final Duration LOAD = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    private final ApiClient admin = ApiClient.admin();
    private final Kubectl kubectl = Kubectl.admin();

    @Test
    void connectionsEndedMidBatchUnderLoadLoseNothingAndSignNothingTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String requestPem = Openssl.newKeyAndRequest(work, "outage", "/CN=peggy/O=dev-team").requestPem();
        long before = RequestLoad.revisionToWatchFrom(admin, requestPem);
        AtomicInteger ended = new AtomicInteger();
        List<String> names = RequestLoad.createAndApproveDuring(admin, "outage-" + run, run, REQUESTS, requestPem,
                LOAD, load -> {
                    for (int round = 0; round < MIN_ROUNDS || !load.isDone(); round++) {
                        for (String controller : CONTROLLERS) {
                            ended.addAndGet(Databases.dropConnections(controller));
                        }
                        Thread.sleep(BETWEEN_ROUNDS);
                    }
                });
        assertTrue(ended.get() > 0, "the controllers held connections to end");

        RequestLoad.assertIssuedOnceEach(admin, kubectl, names);
        RequestLoad.assertEveryChangeOnceInOrder("the watch", RequestLoad.changesSince(kubectl, before, run), names);
    }
}
