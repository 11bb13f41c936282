package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.certpipe.common.event.Topics;
import org.junit.jupiter.api.Test;

class BusClientSourceTest {

    private static final String CHANNEL = "mp.messaging.incoming.lifecycle.";

    private static final class LifecycleReader extends BusClientSource {
        LifecycleReader() {
            super("signing-service", new Binding("lifecycle", Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_SIGNING));
        }
    }

    private static final class BatchedLifecycleReader extends BusClientSource {
        BatchedLifecycleReader() {
            super("gc-service", new Binding("lifecycle", Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_GC).inBatches());
        }
    }

    private final LifecycleReader source = new LifecycleReader();

    @Test
    void bindsTheChannelToItsTopicAndDeadLetterTopic() {
        assertEquals(Topics.LIFECYCLE, source.getValue(CHANNEL + "topic"));
        assertEquals("dead-letter-queue", source.getValue(CHANNEL + "failure-strategy"));
        assertEquals(Topics.LIFECYCLE_DLQ_SIGNING, source.getValue(CHANNEL + "dead-letter-queue.topic"));
        assertNull(source.getValue("mp.messaging.incoming.other.topic"));
    }

    @Test
    void handsTheMethodOneRecordAtATimeUnlessTheBindingAsksForBatches() {
        assertEquals("false", source.getValue(CHANNEL + "batch"));
        assertEquals("true", new BatchedLifecycleReader().getValue(CHANNEL + "batch"));
        assertEquals(Topics.LIFECYCLE_DLQ_GC, new BatchedLifecycleReader().getValue(CHANNEL + "dead-letter-queue.topic"));
    }

    @Test
    void readsFromTheStartAsTheServicesOwnGroup() {
        assertEquals("signing-service", source.getValue(CHANNEL + "group.id"));
        assertEquals("earliest", source.getValue(CHANNEL + "auto.offset.reset"));
    }

    @Test
    void leavesCloudEventsDecodingToEventCodec() {
        assertEquals("false", source.getValue("mp.messaging.connector.smallrye-kafka.cloud-events"));
        assertEquals("org.apache.kafka.common.serialization.StringDeserializer",
                source.getValue(CHANNEL + "value.deserializer"));
    }

    @Test
    void connectsInProductionAsTheServicesOwnBusPrincipal() {
        assertEquals("SSL", source.getValue("%prod.kafka.security.protocol"));
        assertEquals("${CERTPIPE_HOME}/bus/signing-service/client.pem",
                source.getValue("%prod.kafka.ssl.keystore.location"));
        assertEquals("${CERTPIPE_HOME}/bus/signing-service/ca.crt",
                source.getValue("%prod.kafka.ssl.truststore.location"));
    }

    @Test
    void ranksBelowApplicationPropertiesSoOperatorsCanOverride() {
        assertTrue(source.getOrdinal() < 250);
    }
}
