package io.certpipe.intake.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.certpipe.kube.FieldError;
import io.certpipe.kube.NameRules;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ObjectMetaValidation;

/**
 * Kubernetes' {@code pkg/apis/rbac/validation} for the two kinds certpipe serves, all errors at once, the metadata's
 * ({@link ObjectMetaValidation}) first; an update is validated as a create, and a binding may not change its role.
 */
final class RbacValidation {

    private static final List<String> SUBJECT_KINDS = List.of(ClusterRoleBinding.Subject.USER,
            ClusterRoleBinding.Subject.GROUP);

    private RbacValidation() {
    }

    /**
     * {@code minimalNameRequirements}: any name that is one URL path segment, a {@code generateName} included
     * (unlike other kinds, RBAC does not relax the rule for a prefix).
     */
    private static final NameRules.NameRule NAMES = (name, prefix) -> NameRules.pathSegment(name);

    static List<FieldError> errors(RbacObject object) {
        ObjectMeta metadata = object.metadata() == null ? ObjectMeta.none() : object.metadata();
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(metadata, NAMES));
        switch (object) {
            case ClusterRole role -> errors.addAll(rules(role.rules()));
            case ClusterRoleBinding binding -> errors.addAll(binding(binding));
        }
        return errors;
    }

    /** {@code roleRef} names what a binding grants; Kubernetes never lets it change. */
    static List<FieldError> updateErrors(RbacObject current, RbacObject updated) {
        if (current instanceof ClusterRoleBinding before && updated instanceof ClusterRoleBinding after
                && !Objects.equals(before.roleRef(), after.roleRef())) {
            return List.of(FieldError.invalidOmittingValue("roleRef", "cannot change roleRef"));
        }
        return List.of();
    }

    private static List<FieldError> rules(List<PolicyRule> rules) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            String field = "rules[" + i + "]";
            if (rule.verbs().isEmpty()) {
                errors.add(FieldError.required(field + ".verbs", "verbs must contain at least one value"));
            }
            if (!rule.nonResourceURLs().isEmpty()) {
                if (!rule.apiGroups().isEmpty() || !rule.resources().isEmpty()) {
                    errors.add(FieldError.invalid(field + ".nonResourceURLs", rule.nonResourceURLs(),
                            "rules cannot apply to both regular resources and non-resource URLs"));
                }
                continue;
            }
            if (rule.apiGroups().isEmpty()) {
                errors.add(FieldError.required(field + ".apiGroups",
                        "resource rules must supply at least one api group"));
            }
            if (rule.resources().isEmpty()) {
                errors.add(FieldError.required(field + ".resources",
                        "resource rules must supply at least one resource"));
            }
        }
        return errors;
    }

    private static List<FieldError> binding(ClusterRoleBinding binding) {
        List<FieldError> errors = new ArrayList<>();
        ClusterRoleBinding.RoleRef ref = binding.roleRef();
        if (ref == null) {
            errors.add(FieldError.required("roleRef", ""));
        } else {
            if (!ClusterRole.KIND.equals(ref.kind())) {
                errors.add(FieldError.notSupported("roleRef.kind", ref.kind(), List.of(ClusterRole.KIND)));
            }
            if (!RbacApi.GROUP.equals(ref.apiGroup())) {
                errors.add(FieldError.notSupported("roleRef.apiGroup", ref.apiGroup(), List.of(RbacApi.GROUP)));
            }
            if (ref.name() == null || ref.name().isEmpty()) {
                errors.add(FieldError.required("roleRef.name", ""));
            }
        }
        for (int i = 0; i < binding.subjects().size(); i++) {
            ClusterRoleBinding.Subject subject = binding.subjects().get(i);
            String field = "subjects[" + i + "]";
            String kind = subject.kind() == null ? "" : subject.kind();
            if (!SUBJECT_KINDS.contains(kind)) {
                errors.add(FieldError.notSupported(field + ".kind", kind, SUBJECT_KINDS));
            } else if (!RbacApi.GROUP.equals(subject.apiGroup())) {
                errors.add(FieldError.notSupported(field + ".apiGroup", subject.apiGroup(), List.of(RbacApi.GROUP)));
            }
            if (subject.name() == null || subject.name().isEmpty()) {
                errors.add(FieldError.required(field + ".name", ""));
            }
        }
        return errors;
    }
}
