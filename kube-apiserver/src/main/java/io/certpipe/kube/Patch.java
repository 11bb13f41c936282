package io.certpipe.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a {@code PATCH} that changes an existing object: a JSON patch or a (strategic) merge patch, read by
 * {@link Patches}. Applying one never changes the document it is given.
 */
public sealed interface Patch permits JsonPatch, JsonMergePatch {

    /** What this patch makes of {@code target}; a failure is the {@link ApiException} kube-apiserver answers. */
    JsonNode applyTo(JsonNode target);
}
