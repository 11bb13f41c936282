package io.certpipe.intake.kube;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7386). kubectl's strategic merge patch reads the same for every field certpipe lets a patch
 * change (maps such as labels and annotations; lists replaced whole), so both media types are served by this.
 */
public final class JsonMergePatch {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private JsonMergePatch() {
    }

    /** The patch document of a {@code PATCH} request, refused unless it is one of the two patch types. */
    public static JsonNode parse(String contentType, byte[] body, ObjectMapper json) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!mediaType.equals(MERGE_PATCH) && !mediaType.equals(STRATEGIC_MERGE_PATCH)) {
            throw ApiException.unsupportedMediaType(contentType, List.of(MERGE_PATCH, STRATEGIC_MERGE_PATCH));
        }
        try {
            JsonNode patch = json.readTree(body);
            if (patch == null || !patch.isObject()) {
                throw ApiException.badRequest("a merge patch must be a JSON object");
            }
            return patch;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the patch is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the patch: " + e.getMessage());
        }
    }

    /** What {@code patch} makes of {@code target}; {@code target} itself may be changed. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target
                : ((ObjectNode) patch).objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
