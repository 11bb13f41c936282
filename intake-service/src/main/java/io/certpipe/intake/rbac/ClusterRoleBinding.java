package io.certpipe.intake.rbac;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ObjectMeta;

/** {@code rbac.authorization.k8s.io/v1 ClusterRoleBinding} on the wire: who gets the permissions of one ClusterRole. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterRoleBinding(String kind, String apiVersion, ObjectMeta metadata, RoleRef roleRef,
        List<Subject> subjects) implements RbacObject {

    public static final String KIND = "ClusterRoleBinding";

    public ClusterRoleBinding {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleRef(String apiGroup, String kind, String name) {
    }

    /** A {@code User} or {@code Group} (certpipe has no service accounts). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subject(String kind, String apiGroup, String name, String namespace) {

        public static final String USER = "User";
        public static final String GROUP = "Group";

        boolean includes(UserInfo user) {
            return USER.equals(kind) && name.equals(user.username())
                    || GROUP.equals(kind) && user.groups().contains(name);
        }
    }

    /** Kubernetes' defaulting: a User or Group subject without an apiGroup is in the RBAC group. */
    ClusterRoleBinding withDefaults() {
        List<Subject> defaulted = subjects.stream().map(subject -> subject.apiGroup() == null
                || subject.apiGroup().isEmpty() ? new Subject(subject.kind(), RbacApi.GROUP, subject.name(),
                subject.namespace()) : subject).toList();
        return new ClusterRoleBinding(kind, apiVersion, metadata, roleRef, defaulted);
    }

    boolean binds(UserInfo user) {
        return subjects.stream().anyMatch(subject -> subject.includes(user));
    }

    @Override
    public ClusterRoleBinding withMetadata(ObjectMeta newMetadata) {
        return new ClusterRoleBinding(KIND, RbacApi.GROUP_VERSION, newMetadata, roleRef, subjects);
    }
}
