package io.certpipe.intake.rbac;

/**
 * What a request wants to do, as Kubernetes' authorizer sees it: a verb on a resource (group, resource, subresource,
 * name) or a verb on a non-resource path such as {@code /version}.
 */
public record RequestAttributes(String verb, String apiGroup, String resource, String subresource, String name,
        String path) {

    public static RequestAttributes resource(String verb, String apiGroup, String resource, String subresource,
            String name) {
        return new RequestAttributes(verb, apiGroup, resource, subresource == null ? "" : subresource,
                name == null ? "" : name, null);
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(verb, null, null, null, null, path);
    }

    public boolean isResourceRequest() {
        return path == null;
    }

    /** {@code resource/subresource}, as Kubernetes writes it in a refusal. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
