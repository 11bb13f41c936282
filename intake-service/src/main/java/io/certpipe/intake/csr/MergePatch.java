package io.certpipe.intake.csr;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.ResourceVersions;

/**
 * JSON merge patch (RFC 7386) on a request's wire form. kubectl's strategic merge patch reads the same for what a
 * CertificateSigningRequest lets a patch change (labels and annotations are plain maps), so both are served by this.
 */
final class MergePatch {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private MergePatch() {
    }

    static JsonNode parse(String contentType, byte[] body, ObjectMapper json) {
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
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("cannot read the patch: " + e.getMessage());
        }
    }

    /** What {@code patch} makes of {@code current}. */
    static CsrChange.PatchedMetadata apply(StoredCsr current, JsonNode patch, ObjectMapper json) {
        ObjectNode before = json.valueToTree(CsrRepresentation.toWire(current));
        JsonNode after = merge(before.deepCopy(), patch);
        try {
            CertificateSigningRequest patched = json.treeToValue(after, CertificateSigningRequest.class);
            String name = patched.metadata() == null ? null : patched.metadata().name();
            if (name != null && !name.equals(current.name())) {
                throw ApiException.badRequest("a patch cannot rename " + current.name() + " to " + name);
            }
            boolean changesSpec = !before.path("spec").equals(json.valueToTree(patched.spec()));
            String revision = patch.path("metadata").path("resourceVersion").asText(null);
            return new CsrChange.PatchedMetadata(
                    patched.metadata() == null ? Map.of() : patched.metadata().labels(),
                    patched.metadata() == null ? Map.of() : patched.metadata().annotations(),
                    ResourceVersions.parse(revision), changesSpec);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest("the patched object is not a " + CsrApi.KIND);
        }
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
