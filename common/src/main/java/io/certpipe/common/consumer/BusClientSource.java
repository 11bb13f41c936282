package io.certpipe.common.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Configures a service's Kafka clients the one way every certpipe client works. In production each connects over TLS
 * with its own bus certificate ({@code $CERTPIPE_HOME/bus/<service>/}: {@code client.pem}, key and certificate,
 * and {@code ca.crt}, the bus CA), so the broker knows it as principal {@code User:<service>} and allows it exactly
 * its row of {@code BusAccess}; {@link BusCredentials} refuses to start without those files. These are {@code kafka.*}
 * settings, which every channel and the outbox relay's producer take.
 * <p>
 * Its incoming channels work the one way every certpipe consumer works: bound to its topic and
 * dead-letter topic from {@code Topics} (so no topic name is written a second time), in the service's own consumer
 * group from the earliest offset, String records decoded by {@code EventCodec} (SmallRye's CloudEvents mapping off),
 * and the records the consumer gives up on ({@link EventProcessing}) parked on the dead-letter topic as they came;
 * a binding {@link Binding#inBatches() in batches} hands its method each poll's records at once.
 * Each service registers one subclass in {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 * The ordinal is below application.properties, so an operator may still override any of these there (and the test
 * profile swaps the connector).
 */
public abstract class BusClientSource implements ConfigSource {

    /**
     * One incoming channel, the topic it reads and the topic the records given up on are parked on; {@code batched}
     * when its method takes each poll's records at once ({@link BatchProcessing}) rather than one record at a time.
     */
    public record Binding(String channel, String topic, String deadLetterTopic, boolean batched) {

        /** A channel whose method takes one record at a time ({@link EventProcessing}). */
        public Binding(String channel, String topic, String deadLetterTopic) {
            this(channel, topic, deadLetterTopic, false);
        }

        /** This channel, its method taking each poll's records as one {@code KafkaRecordBatch}. */
        public Binding inBatches() {
            return new Binding(channel, topic, deadLetterTopic, true);
        }
    }

    private static final int BELOW_APPLICATION_PROPERTIES = 200;

    private final Map<String, String> properties = new HashMap<>();

    /** The service's bus credentials, as ./certpipe and docker-compose lay them out. */
    public static final String CREDENTIALS_DIRECTORY = "${CERTPIPE_HOME}/bus/";
    /** This service's key (PKCS#8) followed by its certificate, as Kafka's PEM keystore reads them. */
    public static final String KEYSTORE_FILE = "client.pem";
    /** The bus CA, which issued the broker's certificate. */
    public static final String TRUSTSTORE_FILE = "ca.crt";

    /**
     * {@code service} names the service three ways, which must agree: its bus principal (its certificate's CN), its
     * credentials folder and its consumer group; the broker's ACLs ({@code BusAccess}) grant it groups of that name.
     */
    protected BusClientSource(String service, Binding... bindings) {
        String credentials = CREDENTIALS_DIRECTORY + service + "/";
        properties.put("%prod.kafka.security.protocol", "SSL");
        properties.put("%prod.kafka.ssl.keystore.type", "PEM");
        properties.put("%prod.kafka.ssl.keystore.location", credentials + KEYSTORE_FILE);
        properties.put("%prod.kafka.ssl.truststore.type", "PEM");
        properties.put("%prod.kafka.ssl.truststore.location", credentials + TRUSTSTORE_FILE);
        properties.put("mp.messaging.connector.smallrye-kafka.cloud-events", "false");
        for (Binding binding : bindings) {
            String prefix = "mp.messaging.incoming." + binding.channel() + ".";
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", binding.topic());
            properties.put(prefix + "group.id", service);
            properties.put(prefix + "auto.offset.reset", "earliest");
            properties.put(prefix + "key.deserializer", StringDeserializer.class.getName());
            properties.put(prefix + "value.deserializer", StringDeserializer.class.getName());
            properties.put(prefix + "failure-strategy", "dead-letter-queue");
            properties.put(prefix + "dead-letter-queue.topic", binding.deadLetterTopic());
            properties.put(prefix + "dead-letter-queue.key.serializer", StringSerializer.class.getName());
            properties.put(prefix + "dead-letter-queue.value.serializer", StringSerializer.class.getName());
            properties.put(prefix + "batch", Boolean.toString(binding.batched()));
        }
    }

    /**
     * Makes {@code channel} read every topic whose name matches its binding's topic, a regular expression: topics that
     * appear later (a client added at run time) are picked up within {@code discoveryInterval}, from their start.
     */
    protected void subscribeByPattern(String channel, Duration discoveryInterval) {
        String prefix = "mp.messaging.incoming." + channel + ".";
        properties.put(prefix + "pattern", "true");
        properties.put(prefix + "metadata.max.age.ms", Long.toString(discoveryInterval.toMillis()));
    }

    /**
     * Puts {@code channel}'s consumers in a group of their own, {@code <service>-<channel>}, still shared by the
     * service's instances: a channel whose topics come and go (a pattern subscription) rebalances that group alone,
     * and the service's other inputs read on undisturbed.
     */
    protected void inGroupOfItsOwn(String channel, String service) {
        properties.put("mp.messaging.incoming." + channel + ".group.id", service + "-" + channel);
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
