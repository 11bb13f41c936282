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
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Topics;

/**
 * The broker lets a client do only what its certificate's principal may (common's BusAccess): no certificate, no
 * connection; an auditor reads the lifecycle topic and writes nothing; a service writes only its own topics.
 */
class BusAccessIT {

    private static final Duration REFUSAL_TIMEOUT = BusRefusals.REFUSAL_TIMEOUT;

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
                BusRefusals.assertRefusedToProduce(auditor, topic);
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
        Properties stolen = BusRefusals.keptCopy(configuration);
        Stack.certpipe("auditor", "remove", "bus-access-it-removed");

        try (KafkaConsumer<String, String> consumer = consumer(stolen)) {
            consumer.subscribe(List.of(Topics.LIFECYCLE));
            assertThrows(AuthorizationException.class, () -> consumer.poll(REFUSAL_TIMEOUT));
        }
    }

    @Test
    void aServiceMayWriteOnlyItsOwnTopics() {
        BusRefusals.assertRefusedToProduce(Stack.busClient("approval-service"), Topics.LIFECYCLE);
        BusRefusals.assertRefusedToProduce(Stack.busClient("approval-service"), Topics.SIGNING_RESULTS);
        BusRefusals.assertRefusedToProduce(Stack.busClient("signing-service"), Topics.APPROVAL_DECISIONS);
        BusRefusals.assertRefusedToProduce(Stack.busClient("signing-service"), Topics.LIFECYCLE);
        BusRefusals.assertRefusedToProduce(Stack.busClient("gc-service"), Topics.SIGNING_RESULTS);
        BusRefusals.assertRefusedToProduce(Stack.busClient("intake-service"), Topics.SIGNERS);
        BusRefusals.assertRefusedToProduce(Stack.busClient("intake-service"), Topics.APPROVAL_DECISIONS);
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

    private static KafkaConsumer<String, String> consumer(Properties client) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(REFUSAL_TIMEOUT.toMillis()));
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}
