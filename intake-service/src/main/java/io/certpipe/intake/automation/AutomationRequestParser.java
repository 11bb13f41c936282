package io.certpipe.intake.automation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.Envelope;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.GroupResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads one record of an automation client's request topic: a CloudEvent in structured JSON, of the request type,
 * whose {@code data} names the request (its idempotency key), the cluster and the CertificateSigningRequest to create.
 * Anything else is refused with the Kubernetes Status the API would answer to the same mistake. The CSR object itself
 * is left to the API's own admission ({@code CsrSubmissions}), so both doors apply one set of rules.
 */
final class AutomationRequestParser {

    private static final String DATA_CONTENT_TYPE = "application/json";
    private static final GroupResource CLIENTS = new GroupResource(AutomationContract.RBAC_API_GROUP, "automationclients");

    private AutomationRequestParser() {
    }

    /** What a record holds: a request to act on, or the refusal to answer it with. */
    sealed interface Parsed permits Submission, Unreadable {
        ConsumerRecord<String, String> record();

        String client();
    }

    /** A well-formed request of {@code client}; {@code bodySha256} tells a repeat from a conflicting reuse of its key. */
    record Submission(ConsumerRecord<String, String> record, String client, String requestId, String cluster,
            ObjectNode object, String bodySha256) implements Parsed {
    }

    /**
     * A record refused before it could be acted on. {@code requestId} is the one it named, or when it could not be read
     * that far, the record's key (clients key their records by requestId), or null.
     */
    record Unreadable(ConsumerRecord<String, String> record, String client, String requestId, ApiException refusal)
            implements Parsed {
    }

    static Parsed parse(String client, ConsumerRecord<String, String> record, long maxBytes, ObjectMapper json) {
        String value = record.value();
        String keyAsRequestId = record.key();
        if (value == null || value.isBlank()) {
            return new Unreadable(record, client, keyAsRequestId, ApiException.badRequest("the record is empty: a "
                    + "request is a CloudEvent in structured JSON (docs/automation.md)"));
        }
        long size = value.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            return new Unreadable(record, client, keyAsRequestId, ApiException.requestEntityTooLarge(
                    "the record holds " + size + " bytes; a request may hold at most " + maxBytes));
        }
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (JsonProcessingException e) {
            return new Unreadable(record, client, keyAsRequestId, ApiException.badRequest("the record is not JSON: "
                    + e.getOriginalMessage()));
        }
        String requestId = keyAsRequestId;
        try {
            Envelope envelope = readEnvelope(tree, json);
            ObjectNode data = (ObjectNode) envelope.data();
            requestId = textOrNull(data.get("requestId"));
            checkSource(client, envelope.source());
            checkRequestId(requestId);
            String cluster = requiredText(data, "cluster");
            JsonNode object = data.get("object");
            if (object == null || !object.isObject()) {
                throw ApiException.badRequest("data.object must be the CertificateSigningRequest to create, as a JSON "
                        + "object");
            }
            checkRequestor(client, (ObjectNode) object);
            return new Submission(record, client, requestId, cluster, (ObjectNode) object,
                    sha256(canonical(data.deepCopy().without("requestId"))));
        } catch (ApiException refusal) {
            return new Unreadable(record, client, requestId, refusal);
        }
    }

    private static Envelope readEnvelope(JsonNode tree, ObjectMapper json) {
        if (!tree.isObject()) {
            throw notCloudEvent("the record is JSON but not an object");
        }
        Envelope envelope;
        try {
            envelope = json.treeToValue(tree, Envelope.class);
        } catch (JsonProcessingException e) {
            throw notCloudEvent(e.getOriginalMessage());
        }
        if (!Envelope.SPEC_VERSION.equals(envelope.specversion())) {
            throw notCloudEvent("specversion must be \"" + Envelope.SPEC_VERSION + "\", not " + envelope.specversion());
        }
        for (Map.Entry<String, String> required : Map.of("id", nullToEmpty(envelope.id()), "source",
                nullToEmpty(envelope.source()), "type", nullToEmpty(envelope.type())).entrySet()) {
            if (required.getValue().isEmpty()) {
                throw notCloudEvent("the attribute " + required.getKey() + " is missing");
            }
        }
        if (!AutomationContract.REQUESTED_TYPE.equals(envelope.type())) {
            throw ApiException.badRequest("unknown event type \"" + envelope.type() + "\": a request's type is "
                    + AutomationContract.REQUESTED_TYPE);
        }
        if (envelope.datacontenttype() != null && !envelope.datacontenttype().startsWith(DATA_CONTENT_TYPE)) {
            throw ApiException.badRequest("datacontenttype must be " + DATA_CONTENT_TYPE + ", not "
                    + envelope.datacontenttype());
        }
        if (envelope.data() == null || !envelope.data().isObject()) {
            throw ApiException.badRequest("data must be a JSON object: {\"requestId\", \"cluster\", \"object\"}");
        }
        return envelope;
    }

    /** A source may name its client, for the sender's own records; it may not name another one. */
    private static void checkSource(String client, String source) {
        AutomationContract.clientOfKubernetesUser(source)
                .filter(named -> !named.equals(client))
                .ifPresent(named -> {
                    throw ApiException.forbidden(CLIENTS, named, "the request names client \"" + named
                            + "\" as its source, but came on the topic of client \"" + client + "\"");
                });
    }

    private static void checkRequestId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            throw ApiException.badRequest("data.requestId is required: the client's idempotency key for this request");
        }
        if (requestId.length() > AutomationContract.MAX_REQUEST_ID_LENGTH) {
            throw ApiException.badRequest("data.requestId may hold at most " + AutomationContract.MAX_REQUEST_ID_LENGTH
                    + " characters, not " + requestId.length());
        }
    }

    /**
     * The API ignores requestor fields in a body (it fills them from the caller); a request that claims someone else as
     * its requestor is a request to act as them, which the topic's client may not.
     */
    private static void checkRequestor(String client, ObjectNode object) {
        JsonNode username = object.path("spec").path("username");
        String own = AutomationContract.kubernetesUser(client);
        if (username.isTextual() && !username.asText().isEmpty() && !username.asText().equals(own)) {
            throw ApiException.forbidden(CLIENTS, client, "spec.username names \"" + username.asText()
                    + "\"; requests on this topic are made as \"" + own + "\" only");
        }
    }

    private static String requiredText(ObjectNode data, String field) {
        String value = textOrNull(data.get(field));
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("data." + field + " is required");
        }
        return value;
    }

    private static String textOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("expected a string, found " + node.getNodeType().name().toLowerCase());
        }
        return node.asText();
    }

    private static ApiException notCloudEvent(String why) {
        return ApiException.badRequest("the record is not a CloudEvent in structured JSON: " + why);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** JSON with every object's keys sorted: the same request gives the same hash whatever order its keys came in. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((key, value) -> out.append(out.length() > 1 ? "," : "")
                    .append('"').append(JsonStringEncoder.getInstance().quoteAsString(key)).append('"')
                    .append(':').append(value));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(out.length() > 1 ? "," : "").append(canonical(element)));
            return out.append(']').toString();
        }
        return node.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
