package io.certpipe.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.MalformedEventException;

/** The stack's Kafka topics read from the beginning, written to directly, and its consumer groups' progress. */
final class KafkaTopics {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private KafkaTopics() {
    }

    /** Every record now on {@code topic}, all partitions, oldest first per partition. */
    static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " up to " + end + " within " + READ_TIMEOUT);
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    /** The certpipe events on {@code topic}; records that are no CloudEvent (poison from other tests) are skipped. */
    static List<CloudEvent> events(String topic) {
        return readAll(topic).stream()
                .map(record -> decodeOrNull(record.value()))
                .filter(event -> event != null)
                .toList();
    }

    /** The events of {@code type} about request uid {@code csrUid}. */
    static List<CloudEvent> events(EventType type, String csrUid) {
        return events(type.topic()).stream()
                .filter(event -> event.type().equals(type.type()) && csrUid.equals(event.csruid()))
                .toList();
    }

    /** Waits until at least {@code count} events of {@code type} about {@code csrUid} are on their topic. */
    static List<CloudEvent> awaitEvents(EventType type, String csrUid, int count) {
        return Poll.until(count + " " + type + " event(s) for uid " + csrUid, () -> {
            List<CloudEvent> found = events(type, csrUid);
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        });
    }

    /** The raw record on {@code topic} whose value decodes to an event of {@code type} about {@code csrUid}. */
    static ConsumerRecord<String, String> record(String topic, EventType type, String csrUid) {
        return readAll(topic).stream()
                .filter(record -> {
                    CloudEvent event = decodeOrNull(record.value());
                    return event != null && event.type().equals(type.type()) && csrUid.equals(event.csruid());
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " record for uid " + csrUid + " on " + topic));
    }

    static int partitionCount(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            return consumer.partitionsFor(topic, READ_TIMEOUT).size();
        }
    }

    /** Produces one record and waits for the broker's acknowledgement; {@code partition} null lets Kafka choose. */
    static void send(String topic, Integer partition, String key, String value) {
        send(topic, partition, key, value, new RecordHeaders());
    }

    /** Produces {@code value} as {@code topic}'s publisher would: signed with its key from the stack's home. */
    static void publish(String topic, Integer partition, String key, String value) {
        send(topic, partition, key, value, PublisherKeys.ofPublisher(topic, value));
    }

    /** Produces one record with {@code headers} and waits for the broker's acknowledgement. */
    static void send(String topic, Integer partition, String key, String value, Headers headers) {
        Properties properties = Stack.busAdmin();
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(topic, partition, key, value, headers)).get();
        } catch (ExecutionException e) {
            throw new AssertionError("cannot produce to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic}, the offsets the
     * topic ends at now: everything published so far has been processed by that service.
     */
    static void awaitConsumed(String group, String topic) {
        Properties properties = Stack.busAdmin();
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, Long> end = endOffsets(admin, topic);
            Poll.until("consumer group " + group + " to commit " + end, () -> {
                Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, group);
                boolean caughtUp = end.entrySet().stream().allMatch(partitionEnd -> {
                    OffsetAndMetadata offset = committed.get(partitionEnd.getKey());
                    long position = offset == null ? 0 : offset.offset();
                    return position >= partitionEnd.getValue();
                });
                return caughtUp ? Optional.of(true) : Optional.empty();
            });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(topic, partition))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the end offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the offsets of consumer group " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The text of {@code record}'s last header {@code name}, or null when it has none. */
    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static CloudEvent decodeOrNull(String value) {
        try {
            return EventCodec.decode(value);
        } catch (MalformedEventException e) {
            return null;
        }
    }

    private static Properties consumerProperties() {
        Properties properties = Stack.busAdmin();
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return properties;
    }
}
