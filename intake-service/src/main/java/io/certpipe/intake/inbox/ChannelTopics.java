package io.certpipe.intake.inbox;

import java.util.Map;
import java.util.Set;

import io.certpipe.common.event.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Binds each consumer channel to its topic and dead-letter topic from {@link Topics}, so no topic name is written a
 * second time in configuration. Ordinal below application.properties: an operator may still override a topic.
 */
public class ChannelTopics implements ConfigSource {

    private static final Map<String, String> PROPERTIES = Map.of(
            topic(ControllerResults.DECISIONS), Topics.APPROVAL_DECISIONS,
            deadLetterTopic(ControllerResults.DECISIONS), Topics.APPROVAL_DECISIONS_DLQ_INTAKE,
            topic(ControllerResults.SIGNING_RESULTS), Topics.SIGNING_RESULTS,
            deadLetterTopic(ControllerResults.SIGNING_RESULTS), Topics.SIGNING_RESULTS_DLQ_INTAKE,
            topic(ControllerResults.EXPIRATIONS), Topics.GC_EXPIRATIONS,
            deadLetterTopic(ControllerResults.EXPIRATIONS), Topics.GC_EXPIRATIONS_DLQ_INTAKE);

    private static final int BELOW_APPLICATION_PROPERTIES = 200;

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "certpipe-intake-channel-topics";
    }

    @Override
    public int getOrdinal() {
        return BELOW_APPLICATION_PROPERTIES;
    }

    private static String topic(String channel) {
        return "mp.messaging.incoming." + channel + ".topic";
    }

    private static String deadLetterTopic(String channel) {
        return "mp.messaging.incoming." + channel + ".dead-letter-queue.topic";
    }
}
