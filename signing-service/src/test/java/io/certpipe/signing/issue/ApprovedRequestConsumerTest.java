package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.certpipe.common.consumer.ParkedRecordException;
import io.certpipe.common.consumer.QuickRetries;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;

/**
 * The consumer's routing, without broker or database: the issuance it would call is absent, so any call into it
 * would fail the test.
 */
class ApprovedRequestConsumerTest {

    private final ApprovedRequestConsumer consumer = new ApprovedRequestConsumer(null,
            QuickRetries.givingUpAfter(Duration.ofSeconds(1)).processing());

    @Test
    void parksAPoisonRecordAtOnce() {
        ParkedRecordException parked = assertThrows(ParkedRecordException.class,
                () -> consumer.consume("{\"not\":\"an event\"}").await().atMost(Duration.ofSeconds(5)));
        assertEquals(ParkedRecordException.Reason.MALFORMED, parked.reason());
    }

    @Test
    void skipsEveryLifecycleEventButApproved() {
        for (EventType type : List.of(EventType.CREATED, EventType.DENIED, EventType.ISSUED, EventType.FAILED,
                EventType.DELETED)) {
            consumer.consume(lifecycleEvent(type)).await().atMost(Duration.ofSeconds(5));
        }
    }

    private static String lifecycleEvent(EventType type) {
        CsrSnapshot csr = new CsrSnapshot("default", "my-csr", "uid-1", 7, Instant.now(),
                "kubernetes.io/kube-apiserver-client", "-----BEGIN CERTIFICATE REQUEST-----", List.of("client auth"),
                null, "alice", null, List.of(), null, null, null);
        return EventCodec.encode(CloudEvent.of(type, "/certpipe/intake-service", "default", "my-csr", "uid-1",
                new LifecycleData(Actor.user("alice", List.of()), csr, null, null)));
    }
}
