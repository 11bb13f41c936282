package io.certpipe.common.event.chain;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventKeyLayout;
import io.certpipe.common.event.signature.EventVerifier;
import io.certpipe.common.event.signature.TrustedKeys;

/**
 * {@code ./certpipe audit verify}: reads the lifecycle topic from the beginning, as the principal of a Kafka client
 * configuration (an auditor's), up to the end offsets it sees at start, and prints {@link AuditVerifier}'s report.
 * Exit status 0 when the stream is intact, 1 when it is broken, 2 when it could not be read or on wrong usage. Usage:
 * {@code AuditVerify <certpipe home> <client.properties> [--cluster NAME]}, the keys being the home's trusted and
 * retired ones ({@link EventKeyLayout#trustedKeys()}, {@link EventKeyLayout#retiredKeys()}).
 * <p>
 * The outbox relay sends a batch's records to several partitions at once, so a reader may find an event on the topic
 * before an earlier one of its cluster arrives. When the first reading shows a gap, the verifier reads on for
 * {@link #SETTLE} and checks again, each cluster up to the newest event the first reading found: a gap still there is a
 * missing event.
 */
public final class AuditVerify {

    /** How long an event found missing may still be on its way from the outbox relay. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final String USAGE = "usage: AuditVerify <certpipe home> <client.properties> "
            + "[--cluster NAME]";

    private AuditVerify() {
    }

    public static void main(String[] args) {
        Optional<String> cluster = Optional.empty();
        if (args.length == 4 && "--cluster".equals(args[2])) {
            cluster = Optional.of(args[3]);
        } else if (args.length != 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EventKeyLayout keys = new EventKeyLayout(Path.of(args[0]));
        AuditVerifier verifier = new AuditVerifier(new EventVerifier(new TrustedKeys(
                List.of(keys.trustedKeys(), keys.retiredKeys()), Duration.ofMinutes(1), Clock.systemUTC())));
        AuditReport report;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(args[1]))) {
            report = read(consumer, verifier, cluster);
        } catch (KafkaException | UncheckedIOException e) {
            System.err.println("cannot read " + Topics.LIFECYCLE + " as the principal of " + args[1] + ": " + e);
            System.exit(2);
            return;
        }
        report.print(out);
        System.exit(report.intact() ? 0 : 1);
    }

    private static AuditReport read(KafkaConsumer<String, String> consumer, AuditVerifier verifier,
            Optional<String> cluster) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LIFECYCLE, METADATA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new KafkaException("topic " + Topics.LIFECYCLE + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        while (!caughtUp(consumer, endAtStart)) {
            consumer.poll(POLL_INTERVAL).forEach(records::add);
        }
        AuditReport report = verifier.verify(records, cluster, Map.of());
        Map<String, Long> firstReading = report.newestSequences();
        Instant settled = Instant.now().plus(SETTLE);
        while (report.hasGaps() && Instant.now().isBefore(settled)) {
            consumer.poll(POLL_INTERVAL).forEach(records::add);
            report = verifier.verify(records, cluster, firstReading);
        }
        return report;
    }

    private static Properties consumerConfig(String clientProperties) {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(clientProperties), StandardCharsets.UTF_8)) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client configuration " + clientProperties, e);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
