package io.certpipe.common.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Binds a service's incoming channels to their topics and dead-letter topics from {@code Topics}, so no topic name is
 * written a second time in a service's configuration. Each service registers one subclass in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}. Its ordinal is below
 * application.properties, so an operator may still override a topic there.
 */
public abstract class ChannelTopicsSource implements ConfigSource {

    /** One incoming channel, the topic it reads and the topic its unparseable records are parked on. */
    public record Binding(String channel, String topic, String deadLetterTopic) {
    }

    private static final int BELOW_APPLICATION_PROPERTIES = 200;

    private final Map<String, String> properties = new HashMap<>();

    protected ChannelTopicsSource(Binding... bindings) {
        for (Binding binding : bindings) {
            String prefix = "mp.messaging.incoming." + binding.channel() + ".";
            properties.put(prefix + "topic", binding.topic());
            properties.put(prefix + "dead-letter-queue.topic", binding.deadLetterTopic());
        }
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
