package io.certpipe.kube;

import java.util.List;

/**
 * One resource as the API serves it, declared once: what discovery lists, what OpenAPI documents, what the
 * authorisation filter and error messages call it. A {@code documented} resource (one kubectl creates or applies) has
 * its kind's OpenAPI component schemas in a classpath file ({@link #openApiSchemas()}).
 */
public record ApiResource(String group, String version, String kind, String plural, String singular,
        List<String> shortNames, List<String> verbs, boolean namespaced, List<Subresource> subresources,
        boolean documented) {

    /** A subresource ({@code status}, {@code approval}) and the verbs it answers. */
    public record Subresource(String name, List<String> verbs) {
    }

    public ApiResource {
        shortNames = List.copyOf(shortNames);
        verbs = List.copyOf(verbs);
        subresources = List.copyOf(subresources);
    }

    /** {@code group/version}, or only the version for the core group. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public GroupResource groupResource() {
        return new GroupResource(group, plural);
    }

    public GroupKind groupKind() {
        return new GroupKind(group, kind);
    }

    /**
     * The classpath file of the kind's OpenAPI component schemas ({@code {"schemas": {...}}}), from which both its
     * OpenAPI document and its field validation are made; null for a resource that is not documented.
     */
    public String openApiSchemas() {
        return documented ? "openapi/kinds/" + group + "/" + plural + ".json" : null;
    }

    /** The kind of a list of these objects ({@code ClusterRoleList}). */
    public String listKind() {
        return kind + "List";
    }
}
