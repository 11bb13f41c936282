package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.certpipe.common.event.Topics;
import org.junit.jupiter.api.Test;

class ChannelTopicsSourceTest {

    private static final class LifecycleReader extends ChannelTopicsSource {
        LifecycleReader() {
            super(new Binding("lifecycle", Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_SIGNING));
        }
    }

    @Test
    void bindsTheChannelToItsTopicAndDeadLetterTopic() {
        var source = new LifecycleReader();

        assertEquals(Topics.LIFECYCLE, source.getValue("mp.messaging.incoming.lifecycle.topic"));
        assertEquals(Topics.LIFECYCLE_DLQ_SIGNING,
                source.getValue("mp.messaging.incoming.lifecycle.dead-letter-queue.topic"));
        assertNull(source.getValue("mp.messaging.incoming.other.topic"));
        assertEquals(2, source.getPropertyNames().size());
    }

    @Test
    void ranksBelowApplicationPropertiesSoOperatorsCanOverride() {
        assertTrue(new LifecycleReader().getOrdinal() < 250);
    }
}
