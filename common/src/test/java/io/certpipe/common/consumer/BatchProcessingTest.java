package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.certpipe.common.consumer.ParkedRecordException.Reason;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.TestEventKeys;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * A poll's batch through the connector's own batch message, with its commit strategy and dead-letter strategy
 * replaced by recorders: which records are applied, in what order and how often, which are parked and which offsets
 * are acknowledged.
 */
class BatchProcessingTest {

    private static final String CHANNEL = "gc-expirations";
    private static final Duration BOUND = Duration.ofMillis(300);
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestEventKeys keys = TestEventKeys.create();
    private final QuickRetries retries = QuickRetries.givingUpAfter(BOUND);
    private final BatchProcessing processing = new BatchProcessing(
            new EventProcessing(retries, keys.verifier(), meters), retries, meters);

    private final TestBatches polls = new TestBatches(CHANNEL);
    private final List<String> acknowledged = polls.acknowledged();
    private final Map<String, ParkedRecordException> parked = polls.parked();

    /** Each call of the handler, as the uids it was given. */
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    @Test
    void parksABadRecordInTheMiddleAndAppliesTheOthersInOneGoInOrder() {
        process(polls.of(0, signed("uid-1"), TestEventKeys.unsigned(Topics.GC_EXPIRATIONS, value("uid-2")),
                signed("uid-3")), events -> Uni.createFrom().voidItem());

        assertEquals(List.of(List.of("uid-1", "uid-3")), calls, "one call with the good events in order");
        assertEquals(List.of("0:1"), List.copyOf(parked.keySet()));
        assertEquals(Reason.REJECTED, parked.get("0:1").reason());
        assertEquals(List.of("0:2"), acknowledged, "the partition's last offset covers the records before it");
        assertEquals(1.0, meters.get(EventProcessing.DEAD_LETTERED).tag("reason", "rejected").counter().count());
    }

    @Test
    void retriesATransientFailureOfTheBatchWholeUntilItPasses() {
        process(polls.of(0, signed("uid-1"), signed("uid-2")), events -> calls.size() < 3
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : Uni.createFrom().voidItem());

        assertEquals(Collections.nCopies(3, List.of("uid-1", "uid-2")), calls, "the same batch, three times");
        assertEquals(Map.of(), parked);
        assertEquals(List.of("0:1"), acknowledged);
    }

    @Test
    void appliesTheRecordsOneByOneWhenTheBatchFailsForGoodAndParksOnlyTheOneThatFails() {
        IllegalStateException broken = new IllegalStateException("broken invariant in uid-2");

        process(polls.of(0, signed("uid-1"), signed("uid-2"), signed("uid-3")), events -> {
            if (events.size() > 1) {
                throw new IllegalStateException("one of " + uids(events) + " breaks an invariant");
            }
            return events.get(0).csruid().equals("uid-2") ? Uni.createFrom().failure(broken)
                    : Uni.createFrom().voidItem();
        });

        assertEquals(List.of(List.of("uid-1", "uid-2", "uid-3"), List.of("uid-1"), List.of("uid-2"),
                List.of("uid-3")), calls, "the batch once, then each record alone, in order");
        assertEquals(List.of("0:1"), List.copyOf(parked.keySet()));
        assertEquals(Reason.PERMANENT, parked.get("0:1").reason());
        assertEquals(broken, parked.get("0:1").getCause(), "the record's own failure, not the batch's");
        assertEquals(List.of("0:2"), acknowledged);
    }

    @Test
    void appliesTheRecordsOneByOneWhenTheBatchStillFailsAtTheBound() {
        process(polls.of(0, signed("uid-1"), signed("uid-2")), events -> events.size() > 1
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : Uni.createFrom().voidItem());

        // How often the whole batch was retried within the bound depends on the machine's speed; that it was tried
        // whole first, and record by record once the bound passed, does not.
        assertEquals(List.of("uid-1", "uid-2"), calls.getFirst(), "the batch was tried whole first: " + calls);
        assertTrue(calls.subList(0, calls.size() - 2).stream().allMatch(call -> call.size() == 2), calls.toString());
        assertEquals(List.of(List.of("uid-1"), List.of("uid-2")), calls.subList(calls.size() - 2, calls.size()));
        assertEquals(Map.of(), parked);
        assertEquals(List.of("0:1"), acknowledged);
    }

    @Test
    void keepsEachPartitionsOffsetOrderAndAcknowledgesEachPartitionsLastRecord() {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> poll = new LinkedHashMap<>();
        poll.putAll(TestBatches.partition(0, signed("uid-a"), signed("uid-a"), signed("uid-c")));
        poll.putAll(TestBatches.partition(1, signed("uid-b"), signed("uid-b")));

        process(polls.of(poll), events -> Uni.createFrom().voidItem());

        assertEquals(List.of(List.of("uid-a", "uid-a", "uid-c", "uid-b", "uid-b")), calls);
        assertEquals(List.of("0:2", "1:1"), acknowledged.stream().sorted().toList());
    }

    @Test
    void parksTheLastRecordOfAPartitionWithoutAlsoAcknowledgingIt() {
        process(polls.of(0, signed("uid-1"), keys.published(Topics.GC_EXPIRATIONS, "{\"not\":\"an event\"}")),
                events -> Uni.createFrom().voidItem());

        assertEquals(Reason.MALFORMED, parked.get("0:1").reason());
        assertEquals(List.of(), acknowledged, "the dead-letter strategy acknowledges what it parks");
    }

    @Test
    void doesNotCallTheHandlerForABatchWithNothingToApply() {
        process(polls.of(0, TestEventKeys.unsigned(Topics.GC_EXPIRATIONS, value("uid-1"))),
                events -> Uni.createFrom().voidItem());

        assertEquals(List.of(), calls);
        assertEquals(List.of("0:0"), List.copyOf(parked.keySet()));
    }

    @Test
    void countsBatchesAndTheirSizesByChannel() {
        process(polls.of(0, signed("uid-1"), signed("uid-2"), signed("uid-3")), events -> Uni.createFrom().voidItem());
        process(polls.of(0, signed("uid-4")), events -> Uni.createFrom().voidItem());

        DistributionSummary sizes = meters.get(BatchProcessing.BATCH_SIZE).tag("channel", CHANNEL).summary();
        assertEquals(2, sizes.count());
        assertEquals(4.0, sizes.totalAmount());
        assertEquals(3.0, sizes.max());
    }

    /** Processes {@code batch} with {@code handler}, recording each call in {@link #calls}. */
    private void process(KafkaRecordBatch<String, String> batch, Function<List<CloudEvent>, Uni<?>> handler) {
        processing.process(CHANNEL, batch, events -> {
            calls.add(uids(events));
            return handler.apply(events);
        }).await().atMost(AWAIT);
    }

    private ConsumerRecord<String, String> signed(String uid) {
        return keys.published(expired(uid));
    }

    private static String value(String uid) {
        return EventCodec.encode(expired(uid));
    }

    private static CloudEvent expired(String uid) {
        return CloudEvent.of(EventType.EXPIRED, "/certpipe/gc-service", "default", "csr-" + uid, uid,
                new ExpirationData(Actor.service("gc-service"), "PendingPastDeadline", "pending for 24h", 3));
    }

    private static List<String> uids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::csruid).toList();
    }
}
