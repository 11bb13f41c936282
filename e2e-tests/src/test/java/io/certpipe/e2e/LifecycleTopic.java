package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.Topics;

/** What the lifecycle topic says about a request, judged only after everything committed earlier is on it. */
final class LifecycleTopic {

    private static String sentinelRequestPem;

    private LifecycleTopic() {
    }

    /** Every lifecycle event whose subject is {@code name}. */
    static List<CloudEvent> eventsAbout(String name) {
        return KafkaTopics.events(Topics.LIFECYCLE).stream().filter(event -> name.equals(event.subject())).toList();
    }

    /** Fails if anything about {@code name} was ever published, once the topic has caught up with now. */
    static void assertNothingPublishedAbout(String name) {
        awaitEarlierPublications();
        assertEquals(List.of(), eventsAbout(name), "nothing published about " + name);
    }

    /**
     * Creates a valid sentinel request and waits for its created event: the outbox relay publishes in commit order, so
     * anything committed before the sentinel is on the topic by then.
     */
    static void awaitEarlierPublications() {
        ApiClient admin = ApiClient.admin();
        String sentinel = Csrs.uniqueName("sentinel");
        ApiClient.Response created = admin.create(Csrs.Manifest.of(sentinel, sentinelRequestPem(),
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).json().toString());
        assertEquals(201, created.code(), "the sentinel request is accepted: " + created.body());
        Poll.until("the created event of " + sentinel, () -> eventsAbout(sentinel).isEmpty()
                ? Optional.empty() : Optional.of(true));
        assertEquals(200, admin.delete(sentinel).code(), "the sentinel is deleted again");
    }

    private static synchronized String sentinelRequestPem() {
        if (sentinelRequestPem == null) {
            try {
                Path directory = Files.createTempDirectory("sentinel");
                Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(directory, "sentinel", "/CN=sentinel");
                Files.delete(request.key());
                Files.delete(directory);
                sentinelRequestPem = request.requestPem();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sentinelRequestPem;
    }
}
