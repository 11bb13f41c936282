package io.certpipe.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured mode, with the extensions {@code cluster} and {@code csruid}. Every record
 * on every certpipe topic is one of these; {@link EventCodec} turns it into {@code application/cloudevents+json}.
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        String cluster,
        String csruid,
        EventData data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(csruid, "csruid");
        Objects.requireNonNull(data, "data");
    }

    /** A new event about request {@code name} (uid {@code csrUid}) in {@code cluster}, emitted by {@code source}. */
    public static CloudEvent of(EventType eventType, String source, String cluster, String name, String csrUid,
            EventData data) {
        if (!eventType.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(eventType + " carries " + eventType.dataClass().getSimpleName());
        }
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, eventType.type(), Instant.now(),
                name, DATA_CONTENT_TYPE, cluster, csrUid, data);
    }

    /** The Kafka record key: all events of one request land on one partition, in order. */
    public String key() {
        return keyOf(cluster, csruid);
    }

    public static String keyOf(String cluster, String csrUid) {
        return cluster + "/" + csrUid;
    }

    public EventType eventType() {
        return EventType.fromType(type).orElseThrow(() -> new MalformedEventException("unknown event type " + type));
    }

    public String topic() {
        return eventType().topic();
    }
}
