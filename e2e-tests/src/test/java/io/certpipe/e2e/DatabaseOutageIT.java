package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
        ExecutorService load = Executors.newSingleThreadExecutor();
        List<String> names;
        int ended = 0;
        try {
            CompletableFuture<List<String>> submitted = CompletableFuture.supplyAsync(
                    () -> RequestLoad.createAndApprove("outage-" + run, run, REQUESTS, requestPem,
                            i -> new RequestLoad.Route(admin, admin)), load);
            for (int round = 0; round < MIN_ROUNDS || !submitted.isDone(); round++) {
                for (String controller : CONTROLLERS) {
                    ended += Databases.dropConnections(controller);
                }
                Thread.sleep(BETWEEN_ROUNDS);
            }
            names = submitted.get(LOAD.toSeconds(), TimeUnit.SECONDS);
        } finally {
            load.shutdownNow();
        }
        assertTrue(ended > 0, "the controllers held connections to end");

        RequestLoad.assertIssuedOnceEach(admin, kubectl, names);
        RequestLoad.assertEveryChangeOnceInOrder("the watch", RequestLoad.changesSince(kubectl, before, run), names);
    }
}
