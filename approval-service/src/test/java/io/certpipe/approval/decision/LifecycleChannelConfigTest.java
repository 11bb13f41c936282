package io.certpipe.approval.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import io.certpipe.common.event.Topics;
import org.junit.jupiter.api.Test;

/** application.properties cannot name Java constants; this keeps its topic names equal to {@link Topics}. */
class LifecycleChannelConfigTest {

    private static final String CHANNEL = "mp.messaging.incoming." + CreatedRequestConsumer.CHANNEL + ".";

    @Test
    void channelReadsTheLifecycleTopicAndParksOnItsOwnDeadLetterTopic() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertEquals(Topics.LIFECYCLE, properties.getProperty(CHANNEL + "topic"));
        assertEquals(Topics.LIFECYCLE_DLQ_APPROVAL, properties.getProperty(CHANNEL + "dead-letter-queue.topic"));
        assertEquals("approval-service", properties.getProperty(CHANNEL + "group.id"));
        assertEquals("earliest", properties.getProperty(CHANNEL + "auto.offset.reset"));
    }
}
