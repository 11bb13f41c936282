package io.certpipe.intake.csr;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.JsonMergePatch;
import io.certpipe.intake.kube.ResourceVersions;

/** A merge patch ({@link JsonMergePatch}) of a request's wire form, and what it leaves of its metadata. */
final class MergePatch {

    private MergePatch() {
    }

    /** What {@code patch} makes of {@code current}. */
    static CsrChange.PatchedMetadata apply(StoredCsr current, JsonNode patch, ObjectMapper json) {
        ObjectNode before = json.valueToTree(CsrRepresentation.toWire(current));
        JsonNode after = JsonMergePatch.apply(before.deepCopy(), patch);
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
}
