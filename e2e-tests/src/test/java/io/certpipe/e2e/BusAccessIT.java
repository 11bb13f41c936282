package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Topics;

/**
 * The broker lets a client do only what its certificate's principal may (common's BusAccess): no certificate, no
 * connection; an auditor reads the lifecycle topic and writes nothing; a service writes only its own topics.
 */
class BusAccessIT {

    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    @Test
    void aClientWithoutACertificateCannotConnect() {
        Properties anonymous = new Properties();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrapServers());
        anonymous.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        anonymous.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        anonymous.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                Stack.home().resolve("bus/bus-admin/ca.crt").toString());
        try (KafkaConsumer<String, String> consumer = consumer(anonymous)) {
            assertThrows(SslAuthenticationException.class,
                    () -> consumer.partitionsFor(Topics.LIFECYCLE, REFUSAL_TIMEOUT));
        }
    }

    @Test
    void anAuditorReadsTheLifecycleTopicAndCannotWriteAnything() {
        // Something to read, whichever test ran before: a request's created event.
        String name = Csrs.uniqueName("auditor-reads");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=" + name);
        Kubectl.admin().create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        Path configuration = Path.of(Stack.certpipe("auditor", "add", "bus-access-it").stdout().strip()
                .lines().reduce((first, last) -> last).orElseThrow());
        try {
            assertTrue(Files.isRegularFile(configuration), configuration.toString());
            Properties auditor = Stack.clientProperties(configuration);
            try (KafkaConsumer<String, String> consumer = consumer(auditor)) {
                consumer.subscribe(List.of(Topics.LIFECYCLE));
                Poll.until("the auditor to read " + Topics.LIFECYCLE, () -> {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                    return records.isEmpty() ? Optional.empty() : Optional.of(records.count());
                });
            }
            for (String topic : List.of(Topics.LIFECYCLE, Topics.APPROVAL_DECISIONS, Topics.SIGNING_RESULTS)) {
                assertRefusedToProduce(auditor, topic);
            }
        } finally {
            Stack.certpipe("auditor", "remove", "bus-access-it");
        }
        assertFalse(Files.exists(configuration), "auditor remove left " + configuration);
    }

    @Test
    void aRemovedAuditorCanReadNoMore() throws Exception {
        Path configuration = Path.of(Stack.certpipe("auditor", "add", "bus-access-it-removed").stdout().strip()
                .lines().reduce((first, last) -> last).orElseThrow());
        Path kept = Files.createTempDirectory("removed-auditor");
        for (String file : List.of("client.pem", "ca.crt", "client.properties")) {
            Files.copy(configuration.resolveSibling(file), kept.resolve(file));
        }
        Stack.certpipe("auditor", "remove", "bus-access-it-removed");

        Properties stolen = Stack.clientProperties(kept.resolve("client.properties"));
        stolen.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, kept.resolve("client.pem").toString());
        stolen.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kept.resolve("ca.crt").toString());
        try (KafkaConsumer<String, String> consumer = consumer(stolen)) {
            consumer.subscribe(List.of(Topics.LIFECYCLE));
            assertThrows(AuthorizationException.class, () -> consumer.poll(REFUSAL_TIMEOUT));
        }
    }

    @Test
    void aServiceMayWriteOnlyItsOwnTopics() {
        assertRefusedToProduce(Stack.busClient("approval-service"), Topics.LIFECYCLE);
        assertRefusedToProduce(Stack.busClient("approval-service"), Topics.SIGNING_RESULTS);
        assertRefusedToProduce(Stack.busClient("signing-service"), Topics.APPROVAL_DECISIONS);
        assertRefusedToProduce(Stack.busClient("signing-service"), Topics.LIFECYCLE);
        assertRefusedToProduce(Stack.busClient("gc-service"), Topics.SIGNING_RESULTS);
        assertRefusedToProduce(Stack.busClient("intake-service"), Topics.SIGNERS);
        assertRefusedToProduce(Stack.busClient("intake-service"), Topics.APPROVAL_DECISIONS);
    }

    @Test
    void aServiceCannotReadWhatIsNotItsInput() {
        Properties approval = Stack.busClient("approval-service");
        approval.put(ConsumerConfig.GROUP_ID_CONFIG, "approval-service");
        try (KafkaConsumer<String, String> consumer = consumer(approval)) {
            consumer.subscribe(List.of(Topics.SIGNING_RESULTS));
            assertThrows(AuthorizationException.class, () -> consumer.poll(REFUSAL_TIMEOUT));
        }
    }

    private static void assertRefusedToProduce(Properties client, String topic) {
        Properties producer = new Properties();
        producer.putAll(client);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(REFUSAL_TIMEOUT.toMillis()));
        // A plain producer, as a stock console producer is with acks=1: told of the refused topic itself.
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        producer.put(ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producer, new StringSerializer(),
                new StringSerializer())) {
            Throwable refusal = assertThrows(Throwable.class,
                    () -> kafka.send(new ProducerRecord<>(topic, "forged", "{}")).get(),
                    client.getProperty(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG) + " could produce to " + topic);
            assertTrue(causedByAuthorization(refusal), topic + ": " + refusal);
        }
    }

    private static boolean causedByAuthorization(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private static KafkaConsumer<String, String> consumer(Properties client) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(REFUSAL_TIMEOUT.toMillis()));
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}
