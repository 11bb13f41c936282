package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the broker refuses a bus principal, checked as a client with that principal's credentials meets it. */
final class BusRefusals {

    static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(20);

    private BusRefusals() {
    }

    /** The broker refuses the principal of {@code client} any write to {@code topic}. */
    static void assertRefusedToProduce(Properties client, String topic) {
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

    static boolean causedByAuthorization(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Kafka client configuration {@code configuration} with the key, certificate and CA beside it copied into a
     * fresh folder: what a principal whose credentials are revoked still holds.
     */
    static Properties keptCopy(Path configuration) {
        try {
            Path kept = Files.createTempDirectory("kept-credentials");
            for (String file : List.of("client.pem", "ca.crt")) {
                Files.copy(configuration.resolveSibling(file), kept.resolve(file));
            }
            Properties properties = Stack.clientProperties(configuration);
            properties.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, kept.resolve("client.pem").toString());
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kept.resolve("ca.crt").toString());
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of the credentials of " + configuration, e);
        }
    }
}
