package io.certpipe.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;

/**
 * signing-service issues a poll's approvals together, and intake commits what arrives together. Killed with SIGKILL
 * in the middle of that, under a steady load of requests created and approved through the API, signing-service
 * comes back and every request is issued, each with one serial (a redelivered approval re-publishes the certificate
 * it stored; it never signs again), and a watch from before the load sees each change of each request once, in
 * resourceVersion order, none missing.
 */
class IssuanceCrashIT {

    private static final String SIGNING_SERVICE = "signing-service";
    private static final int REQUESTS = 48;
    private static final Duration LOAD = Duration.ofMinutes(2);

    @TempDir
    static Path work;

    private final ApiClient admin = ApiClient.admin();
    private final Kubectl kubectl = Kubectl.admin();

    @Test
    void signingServiceKilledUnderLoadIssuesEveryRequestOnceAndTheWatchSeesEveryChangeOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String requestPem = Openssl.newKeyAndRequest(work, "crash", "/CN=mallory/O=dev-team").requestPem();
        long before = RequestLoad.revisionToWatchFrom(admin, requestPem);
        List<String> names = RequestLoad.createAndApproveDuring(admin, "crash-" + run, run, REQUESTS, requestPem,
                LOAD, load -> {
                    Poll.until("signing-service to issue some of the requests", () -> issuedSoFar(run) > 0
                            ? Optional.of(true) : Optional.empty());
                    Stack.kill(SIGNING_SERVICE);
                });
        Stack.certpipe("up", "--no-build");
        RequestLoad.assertIssuedOnceEach(admin, kubectl, names);
        RequestLoad.assertEveryChangeOnceInOrder("the watch", RequestLoad.changesSince(kubectl, before, run), names);
    }

    private static long issuedSoFar(String run) {
        return KafkaTopics.events(Topics.LIFECYCLE).stream()
                .filter(event -> event.type().equals(EventType.ISSUED.type())
                        && event.subject().startsWith("crash-" + run))
                .count();
    }
}
