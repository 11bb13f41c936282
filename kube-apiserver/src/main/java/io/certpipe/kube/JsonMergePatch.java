package io.certpipe.kube;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7386). kubectl's strategic merge patch reads the same for every field certpipe lets a patch
 * change (maps such as labels and annotations; lists replaced whole), so both media types are served by this.
 */
public record JsonMergePatch(ObjectNode document) implements Patch {

    @Override
    public JsonNode applyTo(JsonNode target) {
        return merge(target == null ? null : target.deepCopy(), document);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
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
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
