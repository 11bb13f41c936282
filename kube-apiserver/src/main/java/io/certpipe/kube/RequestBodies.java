package io.certpipe.kube;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads request bodies as kube-apiserver does: JSON (or YAML for server-side apply) into the resource's type, with
 * unknown and duplicate fields handled as {@code fieldValidation} says. A body that cannot be read is a
 * {@code BadRequest} whose message names where reading stopped but never quotes the body: a mistaken paste may hold
 * a private key.
 */
public final class RequestBodies {

    private static final String DUPLICATE_FIELD = "Duplicate field '";

    private RequestBodies() {
    }

    /** A decoded body, and the warnings ({@code Warning} headers) decoding it produced. */
    public record Decoded<T>(T value, JsonNode tree, List<String> warnings) {
    }

    /** Decodes {@code body} without field validation (bodies that are not resources, such as approvals). */
    public static <T> T parse(byte[] body, Class<T> type, String kind, ObjectMapper json) {
        return decode(body, type, kind, Schema.OPAQUE, FieldValidation.IGNORE, json, json).value();
    }

    /**
     * Decodes {@code body}, parsed by {@code parser} (JSON or YAML), into {@code type}, checking its fields against
     * {@code schema}.
     */
    public static <T> Decoded<T> decode(byte[] body, Class<T> type, String kind, Schema schema,
            FieldValidation validation, ObjectMapper parser, ObjectMapper json) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty; expected a " + kind);
        }
        List<String> problems = new ArrayList<>();
        JsonNode tree = readTree(body, kind, parser, validation, problems);
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            throw ApiException.badRequest("the request body is null; expected a " + kind);
        }
        if (!tree.isObject()) {
            throw cannotHandle(kind, "the body is not an object");
        }
        List<String> warnings = checkFields(tree, kind, schema, validation, problems);
        try {
            T value = json.treeToValue(tree, type);
            return new Decoded<>(value, tree, warnings);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw cannotHandle(kind, "a field has the wrong type" + where(e));
        }
    }

    /**
     * Checks {@code tree} for fields {@code schema} does not know: Strict refuses them (with any {@code earlier}
     * problems), Warn answers them as warnings, Ignore drops them.
     */
    public static List<String> checkFields(JsonNode tree, String kind, Schema schema, FieldValidation validation,
            List<String> earlier) {
        if (validation == FieldValidation.IGNORE) {
            return List.of();
        }
        List<String> problems = new ArrayList<>(earlier);
        Schema.unknownFields(tree, schema).forEach(field -> problems.add("unknown field \"" + field + "\""));
        if (validation == FieldValidation.STRICT && !problems.isEmpty()) {
            throw cannotHandle(kind, "strict decoding error: " + String.join(", ", problems));
        }
        return problems;
    }

    /**
     * Parses with duplicate detection first; a duplicate is recorded as a problem (Strict refuses it, Warn reports
     * it) and the body is parsed again leniently, the last value winning as in Go.
     */
    private static JsonNode readTree(byte[] body, String kind, ObjectMapper parser, FieldValidation validation,
            List<String> problems) {
        try {
            if (validation == FieldValidation.IGNORE) {
                return parser.readTree(body);
            }
            try {
                return parser.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(body);
            } catch (JsonProcessingException e) {
                String message = e.getOriginalMessage();
                if (message == null || !message.startsWith(DUPLICATE_FIELD)) {
                    throw e;
                }
                String field = message.substring(DUPLICATE_FIELD.length(), message.indexOf('\'',
                        DUPLICATE_FIELD.length()));
                problems.add("duplicate field \"" + field + "\"");
                return parser.readTree(body);
            }
        } catch (JsonProcessingException e) {
            throw cannotHandle(kind, "malformed " + (parser.getFactory().getFormatName()) + where(e));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    private static ApiException cannotHandle(String kind, String why) {
        return ApiException.badRequest(kind + " in version \"v1\" cannot be handled as a " + kind + ": " + why);
    }

    private static String where(Exception e) {
        if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
            JsonLocation location = processing.getLocation();
            return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return "";
    }
}
