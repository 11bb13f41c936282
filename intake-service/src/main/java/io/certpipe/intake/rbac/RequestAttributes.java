package io.certpipe.intake.rbac;

import io.certpipe.kube.RequestInfo;

/**
 * What a request wants to do, as Kubernetes' authorizer sees it: a verb on a resource (group, resource, subresource,
 * name) or a verb on a non-resource path such as {@code /version}. An attribute left out (an access review may leave
 * out any) is empty, as Go's zero value is: it matches only a rule's star, never fails a comparison.
 */
public record RequestAttributes(String verb, String apiGroup, String resource, String subresource, String name,
        String path) {

    public static RequestAttributes resource(String verb, String apiGroup, String resource, String subresource,
            String name) {
        return new RequestAttributes(orEmpty(verb), orEmpty(apiGroup), orEmpty(resource), orEmpty(subresource),
                orEmpty(name), null);
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(orEmpty(verb), null, null, null, null, orEmpty(path));
    }

    /** What {@code request} asks, as the authoriser judges it (RBAC here has no namespaced roles to look at). */
    public static RequestAttributes of(RequestInfo request) {
        return request.isResourceRequest()
                ? resource(request.verb(), request.apiGroup(), request.resource(), request.subresource(), request.name())
                : nonResource(request.verb(), request.path());
    }

    private static String orEmpty(String attribute) {
        return attribute == null ? "" : attribute;
    }

    public boolean isResourceRequest() {
        return path == null;
    }

    /** {@code resource/subresource}, as Kubernetes writes it in a refusal. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
