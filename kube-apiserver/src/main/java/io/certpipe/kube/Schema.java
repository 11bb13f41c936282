package io.certpipe.kube;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of a resource's JSON, as far as {@code fieldValidation} needs it: which field names exist where. A
 * field this shape does not know is what Kubernetes calls an unknown field.
 */
public sealed interface Schema {

    /** A scalar, or anything whose inside is not checked (owner references, managed fields). */
    record Opaque() implements Schema {
    }

    /** An object with exactly these fields. */
    record Fields(Map<String, Schema> fields) implements Schema {
    }

    /** A list whose elements all have one shape. */
    record ListOf(Schema element) implements Schema {
    }

    /** A map with free keys whose values all have one shape (labels, annotations, extra). */
    record MapOf(Schema value) implements Schema {
    }

    Schema OPAQUE = new Opaque();

    /** Strategic merge patch directives ({@code $patch}, {@code $setElementOrder/...}) are not fields. */
    String PATCH_DIRECTIVE = "$";

    /** Kubernetes' {@code ObjectMeta}: every field a client may send, whether certpipe keeps it or not. */
    Schema OBJECT_META = new Fields(Map.ofEntries(
            Map.entry("name", OPAQUE), Map.entry("generateName", OPAQUE), Map.entry("namespace", OPAQUE),
            Map.entry("selfLink", OPAQUE), Map.entry("uid", OPAQUE), Map.entry("resourceVersion", OPAQUE),
            Map.entry("generation", OPAQUE), Map.entry("creationTimestamp", OPAQUE),
            Map.entry("deletionTimestamp", OPAQUE), Map.entry("deletionGracePeriodSeconds", OPAQUE),
            Map.entry("labels", new MapOf(OPAQUE)), Map.entry("annotations", new MapOf(OPAQUE)),
            Map.entry("ownerReferences", new ListOf(OPAQUE)), Map.entry("finalizers", new ListOf(OPAQUE)),
            Map.entry("managedFields", new ListOf(OPAQUE))));

    /**
     * The shape of the component schema {@code rootName} of an OpenAPI v3 document's {@code components.schemas},
     * {@code componentSchemas}: the fields its {@code properties} declare, through {@code $ref}s, array items and maps.
     * Kubernetes' {@code ObjectMeta} is always {@link #OBJECT_META}, however few of its fields the document lists.
     *
     * @throws IllegalArgumentException when a component named or referenced is missing
     */
    static Schema fromOpenApi(JsonNode componentSchemas, String rootName) {
        return OpenApiSchemas.derive(componentSchemas, rootName);
    }

    /** The paths of every field in {@code body} this shape does not know, written as Kubernetes writes them. */
    static List<String> unknownFields(JsonNode body, Schema schema) {
        List<String> unknown = new ArrayList<>();
        collect(body, schema, "", unknown);
        return unknown;
    }

    private static void collect(JsonNode node, Schema schema, String path, List<String> unknown) {
        if (node == null || node.isNull()) {
            return;
        }
        switch (schema) {
            case Opaque ignored -> {
            }
            case Fields fields -> {
                if (!node.isObject()) {
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                    Schema known = fields.fields().get(entry.getKey());
                    if (known == null && !entry.getKey().startsWith(PATCH_DIRECTIVE)) {
                        unknown.add(child);
                    } else if (known != null) {
                        collect(entry.getValue(), known, child, unknown);
                    }
                }
            }
            case ListOf list -> {
                for (int i = 0; i < node.size(); i++) {
                    collect(node.get(i), list.element(), path + "[" + i + "]", unknown);
                }
            }
            case MapOf map -> node.fields().forEachRemaining(entry -> collect(entry.getValue(), map.value(),
                    path + "." + entry.getKey(), unknown));
        }
    }
}
