package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.certpipe.common.consumer.ParkedRecordException.Reason;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventKeyFiles;
import io.certpipe.common.event.signature.EventSignature;
import io.certpipe.common.event.signature.RejectedEventException;
import io.certpipe.common.event.signature.TestEventKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/** Verification, the bound and the sorting of failures, with the handler standing in for a service. */
class EventProcessingTest {

    private static final String CHANNEL = "gc-expirations";
    private static final Duration BOUND = Duration.ofMillis(300);
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestEventKeys keys = TestEventKeys.create();
    private final EventProcessing processing = new EventProcessing(QuickRetries.givingUpAfter(BOUND),
            keys.verifier(), meters);
    private final CloudEvent expired = CloudEvent.of(EventType.EXPIRED, "/certpipe/gc-service", "default", "my-csr",
            "uid-1", new ExpirationData(Actor.service("gc-service"), "PendingPastDeadline", "pending for 24h", 3));
    private final ConsumerRecord<String, String> record = keys.published(expired);

    @Test
    void retriesATransientFailureUntilItPasses() {
        AtomicInteger attempts = new AtomicInteger();
        processing.process(CHANNEL, record, event -> attempts.incrementAndGet() < 4
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : Uni.createFrom().voidItem()).await().atMost(AWAIT);

        assertEquals(4, attempts.get());
        assertNull(meters.find(EventProcessing.DEAD_LETTERED).counter(), "nothing parked");
    }

    @Test
    void parksAPermanentFailureAtOnceWithTheFailureAsItsCause() {
        AtomicInteger attempts = new AtomicInteger();
        ClassCastException cast = new ClassCastException("DecisionData cannot be cast to LifecycleData");

        ParkedRecordException parked = parked(event -> {
            attempts.incrementAndGet();
            throw cast;
        });

        assertEquals(1, attempts.get(), "not retried");
        assertEquals(Reason.PERMANENT, parked.reason());
        assertSame(cast, parked.getCause(), "becomes the dead-letter-cause header");
        assertEquals("permanent after 1 attempt: " + cast, parked.getMessage(), "the dead-letter-reason header");
        assertEquals(1.0, deadLettered(Reason.PERMANENT).count());
    }

    @Test
    void parksATransientFailureThatOutlastsTheBound() {
        AtomicInteger attempts = new AtomicInteger();
        Instant started = Instant.now();

        ParkedRecordException parked = parked(event -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new ConnectException("Connection refused"));
        });

        assertTrue(Duration.between(started, Instant.now()).compareTo(BOUND) >= 0, "retried up to the bound");
        assertTrue(attempts.get() > 1, "retried: " + attempts);
        assertEquals(Reason.RETRIES_EXHAUSTED, parked.reason());
        assertInstanceOf(ConnectException.class, parked.getCause());
        assertEquals(1.0, deadLettered(Reason.RETRIES_EXHAUSTED).count());
    }

    @Test
    void parksARecordThatIsNoEventWithoutCallingTheHandler() {
        ParkedRecordException parked = assertThrows(ParkedRecordException.class, () -> processing.process(CHANNEL,
                keys.published(Topics.GC_EXPIRATIONS, "{\"not\":\"an event\"}"), event -> {
                    throw new AssertionError("the handler is not called");
                }).await().atMost(AWAIT));

        assertEquals(Reason.MALFORMED, parked.reason());
        assertInstanceOf(MalformedEventException.class, parked.getCause());
        assertEquals(1.0, deadLettered(Reason.MALFORMED).count());
    }

    @Test
    void letsTheServiceRecordWhatParkingMeansBeforeItParks() {
        List<String> recorded = new ArrayList<>();
        ParkedRecordException parked = assertThrows(ParkedRecordException.class, () -> processing.process(CHANNEL,
                record, event -> {
                    throw new IllegalStateException("broken invariant");
                }, (event, parking) -> {
                    recorded.add(event.csruid() + " " + parking.reason());
                    return Uni.createFrom().voidItem();
                }).await().atMost(AWAIT));

        assertEquals(List.of("uid-1 PERMANENT"), recorded);
        assertEquals(Reason.PERMANENT, parked.reason());
    }

    @Test
    void parksTheRecordEvenWhenRecordingWhatThatMeansFails() {
        ParkedRecordException parked = assertThrows(ParkedRecordException.class, () -> processing.process(CHANNEL,
                record, event -> {
                    throw new IllegalStateException("broken invariant");
                }, (event, parking) -> Uni.createFrom().failure(new ConnectException("Connection refused")))
                .await().atMost(AWAIT));

        assertInstanceOf(IllegalStateException.class, parked.getCause());
    }

    @Test
    void doesNotAskTheServiceAboutARecordThatPasses() {
        processing.process(CHANNEL, record, event -> Uni.createFrom().voidItem(), (event, parking) -> {
            throw new AssertionError("nothing is parked");
        }).await().atMost(AWAIT);

        assertNull(meters.find(EventProcessing.DEAD_LETTERED).counter());
    }

    @Test
    void parksEveryRefusedRecordAtOnceUnreadAndCountsItByReason() {
        String value = EventCodec.encode(expired);
        Map<RejectedEventException.Reason, ConsumerRecord<String, String>> refused = Map.of(
                RejectedEventException.Reason.UNSIGNED, TestEventKeys.unsigned(Topics.GC_EXPIRATIONS, value),
                RejectedEventException.Reason.UNKNOWN_KEY, TestEventKeys.signedWith(EventKeyFiles.newKeyPair(),
                        Topics.GC_EXPIRATIONS, value),
                RejectedEventException.Reason.BAD_SIGNATURE, TestEventKeys.record(Topics.GC_EXPIRATIONS,
                        value.replace("uid-1", "uid-2"), Optional.of(signature(record))),
                RejectedEventException.Reason.WRONG_PUBLISHER, keys.signedBy(Topics.INTAKE_SERVICE,
                        Topics.GC_EXPIRATIONS, value),
                RejectedEventException.Reason.WRONG_TOPIC, keys.published(Topics.SIGNING_RESULTS, value));
        List<String> recorded = new ArrayList<>();

        refused.forEach((reason, refusedRecord) -> {
            ParkedRecordException parked = assertThrows(ParkedRecordException.class, () -> processing.process(
                    CHANNEL, refusedRecord, event -> {
                        throw new AssertionError("the handler never sees a refused record");
                    }, (event, parking) -> {
                        recorded.add(event.id());
                        return Uni.createFrom().voidItem();
                    }).await().atMost(AWAIT));

            assertEquals(Reason.REJECTED, parked.reason(), reason.tag());
            RejectedEventException rejected = assertInstanceOf(RejectedEventException.class, parked.getCause());
            assertEquals(reason, rejected.reason());
            assertTrue(parked.getMessage().startsWith("rejected after 1 attempt: "), parked.getMessage());
            assertEquals(1.0, meters.get(EventProcessing.REJECTED).tag("channel", CHANNEL)
                    .tag("reason", reason.tag()).counter().count(), reason.tag());
        });

        assertEquals(List.of(), recorded, "what a refused record says is not acted on, not even to park it");
        assertEquals(refused.size(), deadLettered(Reason.REJECTED).count());
    }

    private static EventSignature signature(ConsumerRecord<String, String> signed) {
        return new EventSignature(header(signed, EventSignature.KEY_ID_HEADER),
                header(signed, EventSignature.SIGNATURE_HEADER));
    }

    private static String header(ConsumerRecord<String, String> signed, String name) {
        return new String(signed.headers().lastHeader(name).value(), StandardCharsets.US_ASCII);
    }

    private ParkedRecordException parked(Function<CloudEvent, Uni<?>> handler) {
        return assertThrows(ParkedRecordException.class,
                () -> processing.process(CHANNEL, record, handler).await().atMost(AWAIT));
    }

    private Counter deadLettered(Reason reason) {
        return meters.get(EventProcessing.DEAD_LETTERED).tag("channel", CHANNEL).tag("reason", reason.tag())
                .counter();
    }
}
