package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;

import io.certpipe.common.consumer.ParkedRecordException;
import io.certpipe.common.consumer.QuickRetries;
import io.certpipe.common.consumer.TestBatches;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventKeyFiles;
import io.certpipe.common.event.signature.RejectedEventException;
import io.certpipe.common.event.signature.TestEventKeys;
import io.smallrye.mutiny.Uni;

/**
 * The consumer's routing, without broker or database: the issuance it would call fails the test if asked to issue
 * anything, and nothing reaches it from a record intake did not sign.
 */
class ApprovedRequestConsumerTest {

    private final TestEventKeys keys = TestEventKeys.create();
    private final TestBatches polls = new TestBatches(ApprovedRequestConsumer.CHANNEL);
    private final ApprovedRequestConsumer consumer = new ApprovedRequestConsumer(issuanceThatIsNeverCalled(),
            QuickRetries.givingUpAfter(Duration.ofSeconds(1)).batchProcessing(keys));

    @Test
    void parksAPoisonRecordAtOnce() {
        assertEquals(ParkedRecordException.Reason.MALFORMED,
                parked(keys.published(Topics.LIFECYCLE, "{\"not\":\"an event\"}")).reason());
    }

    @Test
    void skipsEveryLifecycleEventButApproved() {
        List<EventType> skipped = List.of(EventType.CREATED, EventType.DENIED, EventType.ISSUED, EventType.FAILED,
                EventType.DELETED);

        consumer.consume(polls.of(0, skipped.stream().map(type -> keys.published(lifecycleEvent(type)))
                .toArray(ConsumerRecord[]::new))).await().atMost(Duration.ofSeconds(5));

        assertEquals(Map.of(), polls.parked());
        assertEquals(List.of("0:" + (skipped.size() - 1)), polls.acknowledged());
    }

    @Test
    void signsNothingForAnApprovedEventIntakeDidNotSign() {
        String approved = EventCodec.encode(lifecycleEvent(EventType.APPROVED));
        ConsumerRecord<String, String> genuine = keys.published(Topics.LIFECYCLE, approved);
        Map<RejectedEventException.Reason, ConsumerRecord<String, String>> forgeries = Map.of(
                RejectedEventException.Reason.UNSIGNED, TestEventKeys.unsigned(Topics.LIFECYCLE, approved),
                RejectedEventException.Reason.WRONG_PUBLISHER,
                keys.signedBy(Topics.APPROVAL_SERVICE, Topics.LIFECYCLE, approved),
                RejectedEventException.Reason.BAD_SIGNATURE, withHeadersOf(genuine,
                        approved.replace("alice", "mallory")),
                RejectedEventException.Reason.UNKNOWN_KEY,
                TestEventKeys.signedWith(EventKeyFiles.newKeyPair(), Topics.LIFECYCLE, approved));

        forgeries.forEach((reason, forged) -> {
            ParkedRecordException parked = parked(forged);
            assertEquals(ParkedRecordException.Reason.REJECTED, parked.reason(), reason.tag());
            assertEquals(reason, ((RejectedEventException) parked.getCause()).reason());
        });
    }

    /** What {@code record}, polled alone, was parked for. */
    private ParkedRecordException parked(ConsumerRecord<String, String> record) {
        TestBatches alone = new TestBatches(ApprovedRequestConsumer.CHANNEL);
        consumer.consume(alone.of(0, record)).await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of(), alone.acknowledged());
        return alone.parked().get("0:0");
    }

    /** An issuance that fails the test if the consumer asks it for anything but skipping. */
    private static Issuance issuanceThatIsNeverCalled() {
        return new Issuance(null, null, null, null) {
            @Override
            public Uni<Void> onApproved(List<CloudEvent> approvals) {
                assertTrue(approvals.stream().noneMatch(event -> event.eventType() == EventType.APPROVED),
                        "asked to issue " + approvals);
                return Uni.createFrom().voidItem();
            }
        };
    }

    private static ConsumerRecord<String, String> withHeadersOf(ConsumerRecord<String, String> original,
            String value) {
        return new ConsumerRecord<>(original.topic(), original.partition(), original.offset(), original.timestamp(),
                original.timestampType(), ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, original.key(), value,
                original.headers(), Optional.empty());
    }

    private static CloudEvent lifecycleEvent(EventType type) {
        CsrSnapshot csr = new CsrSnapshot("default", "my-csr", "uid-1", 7, Instant.now(),
                "kubernetes.io/kube-apiserver-client", "-----BEGIN CERTIFICATE REQUEST-----", List.of("client auth"),
                null, "alice", null, List.of(), null, null, null);
        return CloudEvent.of(type, "/certpipe/intake-service", "default", "my-csr", "uid-1",
                new LifecycleData(Actor.user("alice", List.of()), csr, null, null));
    }
}
