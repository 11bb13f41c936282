package io.certpipe.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one serialisation of certpipe events: structured-mode CloudEvents JSON, timestamps as RFC 3339 strings and
 * durations as ISO 8601 ones ({@code PT8760H}). Decoding checks the envelope and picks the data class from
 * {@code type}; anything else is a {@link MalformedEventException}.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    public static String encode(CloudEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    /** The JSON of {@code data} alone, as it appears in an event; equal data give equal text. */
    public static String encodeData(EventData data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + data.getClass().getSimpleName(), e);
        }
    }

    public static CloudEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record");
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (!(tree instanceof ObjectNode envelope)) {
                throw new MalformedEventException("not a JSON object");
            }
            if (!CloudEvent.SPEC_VERSION.equals(envelope.path("specversion").asText())) {
                throw new MalformedEventException("not a CloudEvents 1.0 envelope");
            }
            EventType eventType = EventType.fromType(envelope.path("type").asText())
                    .orElseThrow(() -> new MalformedEventException("unknown event type " + envelope.path("type")));
            JsonNode data = envelope.remove("data");
            if (data == null || !data.isObject()) {
                throw new MalformedEventException("event without data");
            }
            EventData typedData = MAPPER.treeToValue(data, eventType.dataClass());
            CloudEvent withoutData = MAPPER.treeToValue(envelope.put("data", (String) null), EnvelopeOnly.class)
                    .withData(typedData);
            if (typedData.actor() == null) {
                throw new MalformedEventException("event data without actor");
            }
            return withoutData;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("cannot decode event: " + e.getMessage(), e);
        }
    }

    /** The envelope's attributes, read before the data class is known. */
    private record EnvelopeOnly(String specversion, String id, String source, String type, java.time.Instant time,
            String subject, String datacontenttype, String cluster, String csruid, Long certpipeseq,
            String certpipeprevhash) {

        CloudEvent withData(EventData data) {
            return new CloudEvent(specversion, id, source, type, time, subject, datacontenttype, cluster, csruid,
                    certpipeseq, certpipeprevhash, data);
        }
    }
}
