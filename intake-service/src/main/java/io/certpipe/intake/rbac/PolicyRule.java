package io.certpipe.intake.rbac;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rule of a ClusterRole, matched as Kubernetes' RBAC authoriser matches it ({@code rbac/v1 helpers}): a star
 * stands for any verb, group, resource or URL; a star, a slash and a subresource for that subresource of any
 * resource; a URL ending in a star for every path under it; no resourceNames for every name.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
        List<String> resourceNames, List<String> nonResourceURLs) {

    private static final String ALL = "*";

    public PolicyRule {
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
        apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
        resources = resources == null ? List.of() : List.copyOf(resources);
        resourceNames = resourceNames == null ? List.of() : List.copyOf(resourceNames);
        nonResourceURLs = nonResourceURLs == null ? List.of() : List.copyOf(nonResourceURLs);
    }

    public boolean allows(RequestAttributes request) {
        if (!matchesVerb(request.verb())) {
            return false;
        }
        if (!request.isResourceRequest()) {
            return nonResourceURLs.stream().anyMatch(url -> url.equals(ALL) || url.equals(request.path())
                    || url.endsWith(ALL) && request.path().startsWith(url.substring(0, url.length() - 1)));
        }
        return matchesGroup(request.apiGroup()) && matchesResource(request) && matchesName(request.name());
    }

    private boolean matchesVerb(String verb) {
        return verbs.contains(ALL) || verbs.contains(verb);
    }

    private boolean matchesGroup(String group) {
        return apiGroups.contains(ALL) || apiGroups.contains(group);
    }

    private boolean matchesResource(RequestAttributes request) {
        String combined = request.resourceWithSubresource();
        for (String resource : resources) {
            if (resource.equals(ALL) || resource.equals(combined)) {
                return true;
            }
            if (!request.subresource().isEmpty() && resource.equals(ALL + "/" + request.subresource())) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesName(String name) {
        return resourceNames.isEmpty() || resourceNames.contains(name);
    }

    /** Whether the rule holds a wildcard, so the permissions it grants cannot be listed one by one. */
    boolean hasWildcard() {
        return verbs.contains(ALL) || apiGroups.contains(ALL) || resources.stream().anyMatch(r -> r.contains(ALL))
                || nonResourceURLs.stream().anyMatch(url -> url.contains(ALL));
    }
}
