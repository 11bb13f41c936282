package io.certpipe.intake.rbac;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.certpipe.intake.identity.UserInfo;

/** One cluster's roles and bindings at one moment: what its authoriser decides from. */
public record RbacPolicy(Map<String, ClusterRole> roles, List<ClusterRoleBinding> bindings) {

    public static RbacPolicy of(List<RbacObject> objects) {
        Map<String, ClusterRole> roles = objects.stream()
                .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .collect(Collectors.toUnmodifiableMap(role -> role.metadata().name(), Function.identity()));
        List<ClusterRoleBinding> bindings = objects.stream()
                .filter(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .toList();
        return new RbacPolicy(roles, bindings);
    }

    /** Whether a binding of {@code user} grants a role with a rule allowing {@code request}. */
    public boolean allows(UserInfo user, RequestAttributes request) {
        for (ClusterRoleBinding binding : bindings) {
            if (!binding.binds(user)) {
                continue;
            }
            ClusterRole role = roles.get(binding.roleRef().name());
            if (role != null && role.rules().stream().anyMatch(rule -> rule.allows(request))) {
                return true;
            }
        }
        return false;
    }
}
