package io.certpipe.automation.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer's and the consumer's settings, from the one {@code client.properties} a client is given (bootstrap
 * servers, TLS files, its group). Each takes the settings it knows, so neither warns about the other's, and the
 * client fixes what its guarantees rest on.
 */
final class KafkaSettings {

    private KafkaSettings() {
    }

    /**
     * Every acknowledged request is on all in-sync replicas, and a retried send is written once: a request is never
     * lost after {@code send} succeeds, nor doubled by the producer's own retries.
     */
    static Map<String, Object> producer(Properties clientProperties) {
        var settings = known(clientProperties, ProducerConfig.configNames());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return settings;
    }

    /**
     * The reply reader assigns itself partitions and starts at their end, so it commits nothing: a committed offset
     * would only make a later instance start in the past.
     */
    static Map<String, Object> consumer(Properties clientProperties) {
        var settings = known(clientProperties, ConsumerConfig.configNames());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return settings;
    }

    private static Map<String, Object> known(Properties clientProperties, Set<String> names) {
        var settings = new HashMap<String, Object>();
        clientProperties.stringPropertyNames().stream().filter(names::contains)
                .forEach(name -> settings.put(name, clientProperties.getProperty(name)));
        return settings;
    }
}
