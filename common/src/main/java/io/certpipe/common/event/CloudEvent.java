package io.certpipe.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.certpipe.common.event.chain.LifecycleChain;

/**
 * A CloudEvents 1.0 envelope in structured mode, with the extensions {@code cluster} and {@code csruid}, and on
 * lifecycle events {@code certpipeseq} and {@code certpipeprevhash}, their link in the cluster's chain
 * ({@link io.certpipe.common.event.chain.LifecycleChain}). Every record
 * on every certpipe topic is one of these; {@link EventCodec} turns it into {@code application/cloudevents+json}.
 * What the event is about ({@link EventType.Scope}) decides the rest: an event about a request carries the request's
 * name in {@code subject} and its uid in {@code csruid}; an event about a signer carries the signer's name in
 * {@code subject} and no {@code csruid}.
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
        Long certpipeseq,
        String certpipeprevhash,
        EventData data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(data, "data");
        EventType eventType = EventType.fromType(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        if (!eventType.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(eventType + " carries " + eventType.dataClass().getSimpleName());
        }
        if ((certpipeseq == null) != (certpipeprevhash == null)) {
            throw new IllegalArgumentException("certpipeseq and certpipeprevhash come together or not at all");
        }
        if (certpipeseq != null) {
            LifecycleChain.checkLink(eventType, certpipeseq, certpipeprevhash);
        }
        switch (eventType.scope()) {
            case REQUEST -> Objects.requireNonNull(csruid, "csruid");
            case SIGNER -> {
                Objects.requireNonNull(subject, "subject");
                if (csruid != null) {
                    throw new IllegalArgumentException(eventType + " is about a signer and names no request");
                }
            }
        }
    }

    /** A new event about request {@code name} (uid {@code csrUid}) in {@code cluster}, emitted by {@code source}. */
    public static CloudEvent of(EventType eventType, String source, String cluster, String name, String csrUid,
            EventData data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, eventType.type(), Instant.now(),
                name, DATA_CONTENT_TYPE, cluster, csrUid, null, null, data);
    }

    /** A new event about signer {@code signerName} of {@code cluster}, emitted by {@code source}. */
    public static CloudEvent aboutSigner(EventType eventType, String source, String cluster, String signerName,
            EventData data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, eventType.type(), Instant.now(),
                signerName, DATA_CONTENT_TYPE, cluster, null, null, null, data);
    }

    /** This event as link {@code sequence} of its cluster's lifecycle chain, after the one hashed {@code prevHash}. */
    public CloudEvent chainedAs(long sequence, String prevHash) {
        return new CloudEvent(specversion, id, source, type, time, subject, datacontenttype, cluster, csruid, sequence,
                prevHash, data);
    }

    /**
     * The Kafka record key: all events of one request land on one partition, in order; the events of one signer share
     * a key, so the compacted signers topic keeps the latest of each.
     */
    public String key() {
        return switch (eventType().scope()) {
            case REQUEST -> keyOf(cluster, csruid);
            case SIGNER -> keyOf(cluster, subject);
        };
    }

    private static String keyOf(String cluster, String name) {
        return cluster + "/" + name;
    }

    public EventType eventType() {
        return EventType.fromType(type).orElseThrow(() -> new MalformedEventException("unknown event type " + type));
    }

    public String topic() {
        return eventType().topic();
    }
}
