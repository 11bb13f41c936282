package io.certpipe.common.approval;

import java.util.List;
import java.util.Map;

/**
 * One question for the cluster's authorizer, as a {@code SubjectAccessReview} asks it: may this user, with these
 * groups and extra attributes, do this action in this cluster? Equal questions are equal values, so answers can be
 * kept in a map.
 *
 * @param group the API group; empty for the core group
 * @param subresource empty when the action is on the resource itself
 */
public record AccessCheck(
        String cluster,
        String user,
        List<String> groups,
        Map<String, List<String>> extra,
        String verb,
        String group,
        String resource,
        String subresource) {

    public AccessCheck {
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }

    /** The action in words: {@code create certificatesigningrequests/selfnodeclient in certificates.k8s.io}. */
    public String action() {
        return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource) + " in "
                + (group.isEmpty() ? "the core API group" : group);
    }
}
