package io.certpipe.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.client.AutomationClient;

/**
 * An automation client of the test stack, as a user has one: {@code ./certpipe automation add} made its credentials,
 * and it speaks to the broker with the {@code client.properties} it printed, as a stock Kafka client would.
 */
final class AutomationClients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private AutomationClients() {
    }

    /** A client added with {@code ./certpipe automation add NAME ARGS...}: its name and configuration file. */
    record Client(String name, Path configuration) {

        Properties properties() {
            return Stack.clientProperties(configuration);
        }

        AutomationClient open() {
            try {
                return AutomationClient.open(configuration, name);
            } catch (IOException e) {
                throw new AssertionError("cannot open the client of " + configuration, e);
            }
        }

        /** Puts {@code value} on the client's request topic under {@code key}, as kafka-console-producer would. */
        void send(String key, String value) {
            Properties producer = properties();
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(1 << 20));
            try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producer)) {
                kafka.send(new ProducerRecord<>(AutomationContract.requestsTopic(name), key, value))
                        .get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("could not send a request as client " + name, e);
            }
        }

        /** Every reply on the client's topic whose key is {@code requestId}, oldest first, read as the client. */
        List<JsonNode> replies(String requestId) {
            Properties consumer = properties();
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<JsonNode> replies = new ArrayList<>();
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumer)) {
                String topic = AutomationContract.repliesTopic(name);
                List<TopicPartition> partitions = kafka.partitionsFor(topic, SEND_TIMEOUT).stream()
                        .map(partition -> new TopicPartition(topic, partition.partition())).toList();
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                var end = kafka.endOffsets(partitions);
                while (partitions.stream().anyMatch(partition -> kafka.position(partition) < end.get(partition))) {
                    for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                        if (requestId.equals(record.key())) {
                            replies.add(JSON.readTree(record.value()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("a reply that is not JSON", e);
            }
            return replies;
        }

        /** Waits for a reply of {@code type} (accepted, rejected, issued, ...) to {@code requestId}. */
        JsonNode awaitReply(String requestId, String type) {
            String cloudEventType = "io.certpipe.automation.csr." + type + ".v1";
            return Poll.until("a " + type + " reply to " + requestId + " on client " + name + "'s topic", () ->
                    replies(requestId).stream().filter(reply -> reply.path("type").asText().equals(cloudEventType))
                            .findFirst());
        }
    }

    /** Adds client {@code name} with {@code ./certpipe automation add name args...}. */
    static Client add(String name, String... args) {
        List<String> command = new ArrayList<>(List.of("automation", "add", name));
        command.addAll(List.of(args));
        String printed = Stack.certpipe(command.toArray(String[]::new)).stdout().strip();
        Path configuration = Path.of(printed.lines().reduce((first, last) -> last).orElseThrow());
        return new Client(name, configuration);
    }

    static void remove(String name) {
        Stack.certpipe("automation", "remove", name);
    }

    /** A request as the contract has it: a structured CloudEvent of the request type. */
    static String request(String requestId, String cluster, ObjectNode csr) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/e2e/automation")
                .put("type", AutomationContract.REQUESTED_TYPE)
                .put("datacontenttype", "application/json");
        event.putObject("data").put("requestId", requestId).put("cluster", cluster).set("object", csr);
        return event.toString();
    }
}
