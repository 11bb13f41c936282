package io.certpipe.kube;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How every kind takes a {@code PATCH} that changes an existing object, as kube-apiserver's patch handler does: the
 * body read by its patch type, the current object patched in its JSON form, the result's fields checked as
 * {@code fieldValidation} says, its name still the one on the URL, and the result decoded for the kind's own update
 * validation. Server-side apply, which may also create, is each kind's own.
 */
@ApplicationScoped
public class Patches {

    /** The patch types that change an object, in kube-apiserver's order, for a kind without server-side apply. */
    public static final List<PatchType> UPDATES = List.of(PatchType.JSON, PatchType.MERGE,
            PatchType.STRATEGIC_MERGE);

    private final ObjectMapper json;
    private final long maxCopyBytes;

    public Patches(ObjectMapper json, RequestLimits limits) {
        this.json = json;
        this.maxCopyBytes = limits.maxBodySize().asLongValue();
    }

    /** The patch in {@code body}; {@code type} is one of {@link #UPDATES}. */
    public Patch read(PatchType type, byte[] body) {
        JsonNode document;
        try {
            document = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("error decoding patch: the patch is not valid JSON" + where(e));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the patch: " + e.getMessage());
        }
        return switch (type) {
            case JSON -> JsonPatch.of(document, maxCopyBytes);
            case MERGE, STRATEGIC_MERGE -> {
                if (document == null || !document.isObject()) {
                    throw ApiException.badRequest("a merge patch must be a JSON object");
                }
                yield new JsonMergePatch((ObjectNode) document);
            }
            case APPLY -> throw new IllegalArgumentException("server-side apply is not a patch of an object");
        };
    }

    /**
     * What {@code patch} makes of {@code current} (the object as the API shows it, served at {@code name}), decoded
     * as {@code type}; field warnings are added to {@code warnings}. {@code kind} and {@code schema} describe it.
     */
    public <T> T apply(Patch patch, Object current, String name, Class<T> type, String kind, Schema schema,
            FieldValidation validation, List<String> warnings) {
        JsonNode patched = patch.applyTo(json.valueToTree(current));
        if (!patched.isObject()) {
            throw ApiException.badRequest("the patched object is not a " + kind);
        }
        warnings.addAll(RequestBodies.checkFields(patched, kind, schema, validation, List.of()));
        String patchedName = patched.path("metadata").path("name").asText("");
        if (!patchedName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + patchedName
                    + ") does not match the name on the URL (" + name + ")");
        }
        try {
            return json.treeToValue(patched, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest("the patched object is not a " + kind);
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }
}
