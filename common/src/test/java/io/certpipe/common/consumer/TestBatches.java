package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * Polled batches as the Kafka connector hands them to a batch consumer, with its commit and dead-letter strategies
 * replaced by recorders: which offsets were acknowledged, and which records were parked and why (as partition:offset).
 */
public final class TestBatches {

    private final String channel;
    /** What the commit strategy was told was processed. */
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** What the dead-letter strategy parked, and why. */
    private final Map<String, ParkedRecordException> parked = new LinkedHashMap<>();

    public TestBatches(String channel) {
        this.channel = channel;
    }

    public List<String> acknowledged() {
        return acknowledged;
    }

    public Map<String, ParkedRecordException> parked() {
        return parked;
    }

    /** {@code records} as one partition's poll, at offsets 0, 1, ... */
    @SafeVarargs
    public final KafkaRecordBatch<String, String> of(int partition, ConsumerRecord<String, String>... records) {
        return of(partition(partition, records));
    }

    /** A poll of several partitions. */
    public KafkaRecordBatch<String, String> of(Map<TopicPartition, List<ConsumerRecord<String, String>>> poll) {
        return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(poll, Map.of()), channel, 0, new Commits(),
                new DeadLetters(), false, false);
    }

    /** {@code records} placed in {@code partition} of their topic at offsets 0, 1, ... */
    @SafeVarargs
    public static Map<TopicPartition, List<ConsumerRecord<String, String>>> partition(int partition,
            ConsumerRecord<String, String>... records) {
        List<ConsumerRecord<String, String>> placed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            placed.add(new ConsumerRecord<>(record.topic(), partition, placed.size(), ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
                    record.key(), record.value(), record.headers(), Optional.empty()));
        }
        return Map.of(new TopicPartition(records[0].topic(), partition), placed);
    }

    private static String position(IncomingKafkaRecord<?, ?> record) {
        return record.getPartition() + ":" + record.getOffset();
    }

    private final class Commits implements KafkaCommitHandler {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            acknowledged.add(position(record));
            return Uni.createFrom().voidItem();
        }
    }

    private final class DeadLetters implements KafkaFailureHandler {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            parked.put(position(record), assertInstanceOf(ParkedRecordException.class, reason));
            assertTrue(acknowledged.isEmpty(), "parked before any offset after it is acknowledged");
            return Uni.createFrom().voidItem();
        }
    }
}
