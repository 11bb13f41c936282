package io.certpipe.automation.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    /** A client.properties as ./certpipe automation add writes it, with what a careless user might add. */
    private static Properties clientProperties() {
        var properties = new Properties();
        properties.setProperty("bootstrap.servers", "127.0.0.1:9092");
        properties.setProperty("security.protocol", "SSL");
        properties.setProperty("ssl.keystore.type", "PEM");
        properties.setProperty("ssl.keystore.location", "/home/ci/.certpipe/ci/client.pem");
        properties.setProperty("ssl.truststore.type", "PEM");
        properties.setProperty("ssl.truststore.location", "/home/ci/.certpipe/ci/ca.crt");
        properties.setProperty("group.id", "automation.ci.replies");
        properties.setProperty("acks", "1");
        properties.setProperty("enable.auto.commit", "true");
        return properties;
    }

    @Test
    void producerWaitsForAllReplicasAndWritesARetriedSendOnce() {
        var producer = KafkaSettings.producer(clientProperties());

        assertEquals("all", producer.get("acks"));
        assertEquals(true, producer.get("enable.idempotence"));
    }

    @Test
    void consumerCommitsNothing() {
        assertEquals(false, KafkaSettings.consumer(clientProperties()).get("enable.auto.commit"));
    }

    @Test
    void bothConnectWithTheClientsOwnCertificate() {
        for (var settings : List.of(KafkaSettings.producer(clientProperties()),
                KafkaSettings.consumer(clientProperties()))) {
            assertEquals("127.0.0.1:9092", settings.get("bootstrap.servers"));
            assertEquals("SSL", settings.get("security.protocol"));
            assertEquals("/home/ci/.certpipe/ci/client.pem", settings.get("ssl.keystore.location"));
            assertEquals("/home/ci/.certpipe/ci/ca.crt", settings.get("ssl.truststore.location"));
        }
    }

    @Test
    void eachTakesOnlyTheSettingsItKnows() {
        assertFalse(KafkaSettings.producer(clientProperties()).containsKey("group.id"));
        assertEquals("automation.ci.replies", KafkaSettings.consumer(clientProperties()).get("group.id"));
        assertFalse(KafkaSettings.consumer(clientProperties()).containsKey("acks"));
    }
}
