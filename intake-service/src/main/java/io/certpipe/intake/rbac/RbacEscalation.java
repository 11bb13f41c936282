package io.certpipe.intake.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.Verbs;

/**
 * Kubernetes' escalation prevention: nobody grants through RBAC what they do not hold themselves, unless they may
 * {@code escalate} (roles) or {@code bind} (bindings) that role. A rule with a wildcard cannot be proven held rule by
 * rule, so only someone allowed to escalate or bind may grant it.
 */
final class RbacEscalation {

    private RbacEscalation() {
    }

    /** Refuses {@code object} unless {@code user}, whose permissions {@code holds} answers, may grant it. */
    static void check(UserInfo user, RbacObject object, RbacPolicy policy, Predicate<RequestAttributes> holds) {
        List<PolicyRule> granted;
        switch (object) {
            case ClusterRole role -> {
                if (holds.test(RequestAttributes.resource(Verbs.ESCALATE, RbacApi.GROUP, RbacApi.CLUSTER_ROLES, null,
                        role.metadata().name()))) {
                    return;
                }
                granted = role.rules();
            }
            case ClusterRoleBinding binding -> {
                String roleName = binding.roleRef().name();
                if (holds.test(RequestAttributes.resource(Verbs.BIND, RbacApi.GROUP, RbacApi.CLUSTER_ROLES, null,
                        roleName))) {
                    return;
                }
                ClusterRole role = policy.roles().get(roleName);
                if (role == null) {
                    throw refusal(user, object, "clusterroles.rbac.authorization.k8s.io \"" + roleName
                            + "\" not found, and binding to it needs the bind verb on it");
                }
                granted = role.rules();
            }
        }
        List<String> missing = new ArrayList<>();
        for (PolicyRule rule : granted) {
            if (rule.hasWildcard() || !permissionsOf(rule).stream().allMatch(holds)) {
                missing.add(describe(rule));
            }
        }
        if (!missing.isEmpty()) {
            throw refusal(user, object, "user \"" + user.username() + "\" (groups=" + user.groups()
                    + ") is attempting to grant RBAC permissions not currently held:\n" + String.join("\n", missing));
        }
    }

    /** Every single permission a wildcard-free rule grants. */
    private static List<RequestAttributes> permissionsOf(PolicyRule rule) {
        List<RequestAttributes> permissions = new ArrayList<>();
        for (String verb : rule.verbs()) {
            for (String url : rule.nonResourceURLs()) {
                permissions.add(RequestAttributes.nonResource(verb, url));
            }
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    String[] parts = resource.split("/", 2);
                    String subresource = parts.length == 2 ? parts[1] : null;
                    List<String> names = rule.resourceNames().isEmpty() ? List.of("") : rule.resourceNames();
                    for (String name : names) {
                        permissions.add(RequestAttributes.resource(verb, group, parts[0], subresource, name));
                    }
                }
            }
        }
        return permissions;
    }

    private static String describe(PolicyRule rule) {
        if (!rule.nonResourceURLs().isEmpty()) {
            return "{NonResourceURLs:" + rule.nonResourceURLs() + ", Verbs:" + rule.verbs() + "}";
        }
        return "{APIGroups:" + rule.apiGroups() + ", Resources:" + rule.resources()
                + (rule.resourceNames().isEmpty() ? "" : ", ResourceNames:" + rule.resourceNames())
                + ", Verbs:" + rule.verbs() + "}";
    }

    private static ApiException refusal(UserInfo user, RbacObject object, String why) {
        RbacApi.Kind kind = RbacApi.Kind.of(object);
        return ApiException.forbidden(kind.groupResource(), object.metadata().name(), why);
    }
}
