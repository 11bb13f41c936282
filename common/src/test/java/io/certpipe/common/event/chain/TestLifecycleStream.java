package io.certpipe.common.event.chain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.TestEventKeys;

/**
 * The lifecycle topic as intake-service writes it, for tests: each cluster's events chained in publication order,
 * signed with the test home's intake key, on the partition of their key and at the next offset there.
 */
final class TestLifecycleStream {

    private static final String SOURCE = "/certpipe/intake-service";

    private final TestEventKeys keys;
    private final Map<String, LifecycleChain.Head> heads = new HashMap<>();
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    TestLifecycleStream(TestEventKeys keys) {
        this.keys = keys;
    }

    /** Publishes the next event of request {@code uid} in {@code cluster}. */
    ConsumerRecord<String, String> publish(String cluster, String uid, EventType type) {
        CloudEvent event = CloudEvent.of(type, SOURCE, cluster, "csr-" + uid, uid, data(cluster, uid));
        LifecycleChain.Head head = heads.getOrDefault(cluster, LifecycleChain.Head.EMPTY);
        CloudEvent chained = head.extend(event);
        String value = EventCodec.encode(chained);
        heads.put(cluster, head.after(chained, value));
        return add(at(keys.published(Topics.LIFECYCLE, value), chained.key()));
    }

    /** Publishes {@code event} as it is, unchained, signed with the intake key. */
    ConsumerRecord<String, String> publishUnchained(CloudEvent event) {
        return add(at(keys.published(Topics.LIFECYCLE, EventCodec.encode(event)), event.key()));
    }

    /** Appends {@code record}'s value and headers under {@code key}, as anyone who may produce to the topic could. */
    ConsumerRecord<String, String> append(String key, ConsumerRecord<String, String> record) {
        return add(copy(key, record.value(), record.headers()));
    }

    List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    /** {@code value} in place of {@code record}'s value, everything else (headers included) kept. */
    static ConsumerRecord<String, String> withValue(ConsumerRecord<String, String> record, String value) {
        return record(record.partition(), record.offset(), record.key(), value, record.headers());
    }

    /** {@code record} at {@code offset} of its partition instead. */
    static ConsumerRecord<String, String> atOffset(ConsumerRecord<String, String> record, long offset) {
        return record(record.partition(), offset, record.key(), record.value(), record.headers());
    }

    /** An event of request {@code uid} in {@code cluster}, as intake would make it before chaining it. */
    static CloudEvent event(String cluster, String uid, EventType type) {
        return CloudEvent.of(type, SOURCE, cluster, "csr-" + uid, uid, data(cluster, uid));
    }

    private ConsumerRecord<String, String> add(ConsumerRecord<String, String> record) {
        records.add(record);
        return record;
    }

    private ConsumerRecord<String, String> at(ConsumerRecord<String, String> signed, String key) {
        return copy(key, signed.value(), signed.headers());
    }

    private ConsumerRecord<String, String> copy(String key, String value, Headers headers) {
        int partition = Math.floorMod(key.hashCode(), Topics.EVENT_PARTITIONS);
        long offset = nextOffsets.merge(partition, 1L, Long::sum) - 1;
        return record(partition, offset, key, value, headers);
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, String key, String value,
            Headers headers) {
        return new ConsumerRecord<>(Topics.LIFECYCLE, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value,
                headers, Optional.empty());
    }

    private static LifecycleData data(String cluster, String uid) {
        CsrSnapshot csr = new CsrSnapshot(cluster, "csr-" + uid, uid, 1, Instant.parse("2026-12-01T10:00:00Z"),
                "kubernetes.io/kube-apiserver-client", "-----BEGIN CERTIFICATE REQUEST-----\n...",
                List.of("client auth"), 3600, "alice", "", List.of("dev"), Map.of(), List.of(), null);
        return new LifecycleData(Actor.user("admin", List.of("system:masters")), csr, "Test", "a test event");
    }
}
