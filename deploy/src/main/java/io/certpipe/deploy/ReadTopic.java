package io.certpipe.deploy;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints every record value of a topic from the beginning, one per line, and exits once it has read up to the end
 * offsets it saw at start; with {@code --follow} it keeps printing new records until killed. It assigns partitions
 * itself rather than joining a consumer group, so reading leaves no group or committed offset behind and never waits
 * for a rebalance. Standard output carries the values only. Usage:
 * {@code ReadTopic <client.properties> <topic> [--follow]}, as the principal of that file (an auditor's).
 */
public final class ReadTopic {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private ReadTopic() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !"--follow".equals(args[2]))) {
            System.err.println("usage: ReadTopic <client.properties> <topic> [--follow]");
            System.exit(2);
        }
        boolean follow = args.length == 3;
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(args[0]))) {
            List<TopicPartition> partitions = partitionsOf(consumer, args[1]);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            while (follow || !caughtUp(consumer, endAtStart)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL_INTERVAL)) {
                    out.println(record.value());
                }
                out.flush();
            }
        }
    }

    private static Properties consumerConfig(String clientProperties) {
        Properties config = ClientProperties.load(clientProperties);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            System.err.println("topic " + topic + " does not exist");
            System.exit(1);
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
