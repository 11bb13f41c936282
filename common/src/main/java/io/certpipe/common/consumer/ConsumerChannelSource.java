package io.certpipe.common.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Configures a service's incoming Kafka channels the one way every certpipe consumer works: bound to its topic and
 * dead-letter topic from {@code Topics} (so no topic name is written a second time), in the service's own consumer
 * group from the earliest offset, String records decoded by {@code EventCodec} (SmallRye's CloudEvents mapping off),
 * and the records the consumer gives up on ({@link EventProcessing}) parked on the dead-letter topic as they came.
 * Each service registers one subclass in {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 * The ordinal is below application.properties, so an operator may still override any of these there (and the test
 * profile swaps the connector).
 */
public abstract class ConsumerChannelSource implements ConfigSource {

    /** One incoming channel, the topic it reads and the topic the records given up on are parked on. */
    public record Binding(String channel, String topic, String deadLetterTopic) {
    }

    private static final int BELOW_APPLICATION_PROPERTIES = 200;

    private final Map<String, String> properties = new HashMap<>();

    protected ConsumerChannelSource(String consumerGroup, Binding... bindings) {
        properties.put("mp.messaging.connector.smallrye-kafka.cloud-events", "false");
        for (Binding binding : bindings) {
            String prefix = "mp.messaging.incoming." + binding.channel() + ".";
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", binding.topic());
            properties.put(prefix + "group.id", consumerGroup);
            properties.put(prefix + "auto.offset.reset", "earliest");
            properties.put(prefix + "key.deserializer", StringDeserializer.class.getName());
            properties.put(prefix + "value.deserializer", StringDeserializer.class.getName());
            properties.put(prefix + "failure-strategy", "dead-letter-queue");
            properties.put(prefix + "dead-letter-queue.topic", binding.deadLetterTopic());
            properties.put(prefix + "dead-letter-queue.key.serializer", StringSerializer.class.getName());
            properties.put(prefix + "dead-letter-queue.value.serializer", StringSerializer.class.getName());
        }
    }

    /**
     * Makes every instance of the service read all of {@code channel}'s topic from the beginning, instead of sharing
     * its partitions in the service's group: for a compacted topic that each instance keeps whole in memory. The
     * instance's group is its own and commits nothing, so a restart reads the topic again.
     */
    protected void readByEveryInstance(String channel, String consumerGroup) {
        String prefix = "mp.messaging.incoming." + channel + ".";
        properties.put(prefix + "group.id", consumerGroup + "-" + channel + "-" + UUID.randomUUID());
        properties.put(prefix + "enable.auto.commit", "false");
        properties.put(prefix + "commit-strategy", "ignore");
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public int getOrdinal() {
        return BELOW_APPLICATION_PROPERTIES;
    }
}
