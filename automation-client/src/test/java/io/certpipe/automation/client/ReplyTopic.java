package io.certpipe.automation.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import io.certpipe.automation.AutomationContract;

/**
 * A client's reply topic behind a {@link MockConsumer}: its partitions already hold {@code endOffsets} records (replies
 * to earlier requests), and {@link #publish} appends a reply at the end of the request's partition. The consumer
 * would start at the beginning of each partition, as a real one without committed offsets and with
 * {@code auto.offset.reset=earliest} would: the client must seek to the end itself.
 */
final class ReplyTopic {

    private final String topic;
    private final MockConsumer<String, String> consumer = new PacedConsumer();
    private final Map<Integer, Long> ends = new HashMap<>();

    ReplyTopic(String client, long... endOffsets) {
        this.topic = AutomationContract.repliesTopic(client);
        var node = new Node(1, "localhost", 9092);
        consumer.updatePartitions(topic, IntStream.range(0, endOffsets.length)
                .mapToObj(partition -> new PartitionInfo(topic, partition, node, null, null)).toList());
        var beginnings = new HashMap<TopicPartition, Long>();
        var endOffsetsByPartition = new HashMap<TopicPartition, Long>();
        for (int partition = 0; partition < endOffsets.length; partition++) {
            ends.put(partition, endOffsets[partition]);
            beginnings.put(new TopicPartition(topic, partition), 0L);
            endOffsetsByPartition.put(new TopicPartition(topic, partition), endOffsets[partition]);
        }
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(endOffsetsByPartition);
    }

    MockConsumer<String, String> consumer() {
        return consumer;
    }

    List<TopicPartition> partitions() {
        return ends.keySet().stream().map(partition -> new TopicPartition(topic, partition)).toList();
    }

    /** Appends a record keyed by {@code requestId}, as intake does, to the partition the key picks. */
    void publish(String requestId, String value) {
        int partition = Math.floorMod(requestId.hashCode(), ends.size());
        publishAt(partition, ends.get(partition), requestId, value);
    }

    /** Puts a record at {@code offset}: below a partition's end offset, it is one the reader started after. */
    void publishAt(int partition, long offset, String key, String value) {
        ends.merge(partition, offset + 1, Math::max);
        consumer.addRecord(new ConsumerRecord<>(topic, partition, offset, key, value));
    }

    /** A MockConsumer returns from an empty poll at once; a real one waits, so the reader's loop does not spin. */
    private static final class PacedConsumer extends MockConsumer<String, String> {

        PacedConsumer() {
            super("earliest");
        }

        @Override
        public ConsumerRecords<String, String> poll(Duration timeout) {
            var records = super.poll(timeout);
            if (records.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            return records;
        }
    }
}
