package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.certpipe.common.event.Topics;

/** The lifecycle channel's wiring: topics from {@link Topics} through {@link ChannelTopics}, the rest from application.properties. */
class ChannelConfigurationTest {

    private static final String CHANNEL = "mp.messaging.incoming." + ApprovedRequestConsumer.CHANNEL + ".";
    private static Properties properties;

    @BeforeAll
    static void readConfiguration() throws IOException {
        properties = new Properties();
        try (InputStream in = ChannelConfigurationTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
    }

    @Test
    void consumesTheLifecycleTopic() {
        assertEquals(Topics.LIFECYCLE, new ChannelTopics().getValue(CHANNEL + "topic"));
    }

    @Test
    void parksPoisonRecordsOnItsOwnDeadLetterTopic() {
        assertEquals("dead-letter-queue", properties.getProperty(CHANNEL + "failure-strategy"));
        assertEquals(Topics.LIFECYCLE_DLQ_SIGNING, new ChannelTopics().getValue(CHANNEL + "dead-letter-queue.topic"));
    }

    @Test
    void readsFromTheStartAsItsOwnGroup() {
        assertEquals("earliest", properties.getProperty(CHANNEL + "auto.offset.reset"));
        assertEquals("signing-service", properties.getProperty(CHANNEL + "group.id"));
    }
}
