package io.certpipe.kube;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What an HTTP request asks of the API, read from its method, path and query alone, the way kube-apiserver's
 * {@code RequestInfoFactory} ({@code k8s.io/apiserver/pkg/endpoints/request/requestinfo.go}) reads it before any
 * handler runs: a verb on a resource ({@code /api/v1/...}, {@code /apis/<group>/<version>/...}, with an optional
 * namespace, a name and a subresource) or a verb on a non-resource path such as {@code /version} or
 * {@code /apis/<group>/<version>} itself (discovery). Paths are those inside a cluster, without {@code /clusters/<c>}.
 *
 * <p>As in Kubernetes, a {@code get} without a name is a {@code list}, or a {@code watch} with {@code watch=true}
 * (read as the resources read it), and names the object when a field selector pins {@code metadata.name}; a
 * {@code delete} without a name is a {@code deletecollection}. A non-resource request's verb is the HTTP method in
 * lower case.
 */
public record RequestInfo(
        boolean isResourceRequest,
        String path,
        String verb,
        String apiGroup,
        String apiVersion,
        String namespace,
        String resource,
        String subresource,
        String name) {

    private static final String CORE_PREFIX = "api";
    private static final String GROUPS_PREFIX = "apis";
    private static final String NAMESPACES = "namespaces";
    private static final String NAME_FIELD = "metadata.name";

    /** The request {@code method path?query} asks for; {@code query} gives a query parameter's first value or null. */
    public static RequestInfo of(String method, String path, Function<String, String> query) {
        List<String> parts = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
        boolean core = !parts.isEmpty() && parts.getFirst().equals(CORE_PREFIX);
        boolean grouped = !parts.isEmpty() && parts.getFirst().equals(GROUPS_PREFIX);
        // /api/<version>/<resource> or /apis/<group>/<version>/<resource> at least; shorter is discovery.
        if (!(core && parts.size() >= 3) && !(grouped && parts.size() >= 4)) {
            return new RequestInfo(false, path, method.toLowerCase(Locale.ROOT), "", "", "", "", "", "");
        }
        String group = core ? "" : parts.get(1);
        List<String> rest = parts.subList(core ? 1 : 2, parts.size());
        String version = rest.getFirst();
        rest = rest.subList(1, rest.size());
        String namespace = "";
        if (rest.getFirst().equals(NAMESPACES) && rest.size() > 1) {
            namespace = rest.get(1);
            // /namespaces/<ns> is the namespace object itself; anything below is a resource in it.
            rest = rest.size() > 2 ? rest.subList(2, rest.size()) : List.of(NAMESPACES, namespace);
        }
        String resource = rest.getFirst();
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        String verb = resourceVerb(method);
        if (name.isEmpty() && verb.equals(Verbs.GET)) {
            verb = isTrue(query.apply("watch")) ? Verbs.WATCH : Verbs.LIST;
            name = nameSelectedBy(query.apply("fieldSelector"));
        } else if (name.isEmpty() && verb.equals(Verbs.DELETE)) {
            verb = Verbs.DELETE_COLLECTION;
        }
        return new RequestInfo(true, path, verb, group, version, namespace, resource, subresource, name);
    }

    private static String resourceVerb(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST" -> Verbs.CREATE;
            case "GET", "HEAD" -> Verbs.GET;
            case "PUT" -> Verbs.UPDATE;
            case "PATCH" -> Verbs.PATCH;
            case "DELETE" -> Verbs.DELETE;
            default -> "";
        };
    }

    /** The object a list or watch is pinned to by {@code metadata.name=}, when that is a name a path could carry. */
    private static String nameSelectedBy(String fieldSelector) {
        String name = fieldSelector == null ? null : FieldSelector.requiredValue(fieldSelector, NAME_FIELD);
        boolean pathSegment = name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && !name.contains("/") && !name.contains("%");
        return pathSegment ? name : "";
    }

    /** A boolean query parameter as the resources bind it ({@code Boolean.parseBoolean}), so both read it alike. */
    private static boolean isTrue(String value) {
        return Boolean.parseBoolean(value);
    }
}
