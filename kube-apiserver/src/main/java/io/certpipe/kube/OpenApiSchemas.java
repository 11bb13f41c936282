package io.certpipe.kube;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kind's {@link Schema} read from the OpenAPI v3 component schemas that describe it to kubectl, so that the fields
 * {@code kubectl explain} shows and the fields {@code fieldValidation} knows are declared once. Only the shape is
 * read: {@code properties}, array {@code items}, {@code additionalProperties}, and {@code $ref}s, bare or wrapped in a
 * one-element {@code allOf} as Kubernetes writes them. Anything else, and anything marked
 * {@code x-kubernetes-preserve-unknown-fields}, is not checked inside.
 */
final class OpenApiSchemas {

    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String COMPONENT_REF = "#/components/schemas/";

    private final JsonNode components;
    /** The components being derived, outermost first: a {@code $ref} to one of them closes a cycle. */
    private final Set<String> deriving = new HashSet<>();

    private OpenApiSchemas(JsonNode components) {
        this.components = components;
    }

    /**
     * The schema of the component {@code rootName} of {@code components} (the {@code components.schemas} object).
     *
     * @throws IllegalArgumentException when a component named or referenced is missing
     */
    static Schema derive(JsonNode components, String rootName) {
        return new OpenApiSchemas(components).component(rootName);
    }

    private Schema component(String name) {
        if (name.equals(OBJECT_META)) {
            // The documents list only the metadata certpipe keeps; a client may send any field of Kubernetes'
            // ObjectMeta, and none of them is unknown to a Kubernetes API server.
            return Schema.OBJECT_META;
        }
        if (deriving.contains(name)) {
            // A type that contains itself is checked down to where it does, and not inside, rather than forever.
            return Schema.OPAQUE;
        }
        JsonNode schema = components.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("the OpenAPI document has no component schema \"" + name + "\"");
        }
        deriving.add(name);
        Schema derived = shape(schema);
        deriving.remove(name);
        return derived;
    }

    private Schema shape(JsonNode schema) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            return Schema.OPAQUE;
        }
        if (schema.has("$ref")) {
            return component(referenced(schema.get("$ref").asText()));
        }
        JsonNode allOf = schema.path("allOf");
        if (allOf.size() == 1) {
            return shape(allOf.get(0));
        }
        if (schema.has("properties")) {
            Map<String, Schema> fields = new HashMap<>();
            schema.get("properties").fields().forEachRemaining(property -> fields.put(property.getKey(),
                    shape(property.getValue())));
            return new Schema.Fields(Map.copyOf(fields));
        }
        if (schema.has("items")) {
            return new Schema.ListOf(shape(schema.get("items")));
        }
        if (schema.path("additionalProperties").isObject()) {
            return new Schema.MapOf(shape(schema.get("additionalProperties")));
        }
        return Schema.OPAQUE;
    }

    private static String referenced(String ref) {
        if (!ref.startsWith(COMPONENT_REF)) {
            throw new IllegalArgumentException("\"" + ref + "\" is no reference to a component schema ("
                    + COMPONENT_REF + "<name>)");
        }
        return ref.substring(COMPONENT_REF.length());
    }
}
