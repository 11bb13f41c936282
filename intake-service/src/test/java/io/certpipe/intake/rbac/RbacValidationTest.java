package io.certpipe.intake.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.certpipe.kube.FieldError;
import io.certpipe.kube.ObjectMeta;
import org.junit.jupiter.api.Test;

class RbacValidationTest {

    private static final List<PolicyRule> READ_CSRS = List.of(new PolicyRule(List.of("get"),
            List.of("certificates.k8s.io"), List.of("certificatesigningrequests"), null, null));

    @Test
    void aRoleWithABadLabelIsInvalidLikeAnyKind() {
        ClusterRole role = new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("reader", null, null, null, null, Map.of("bad key!", "v"), null), READ_CSRS);

        assertEquals(List.of("metadata.labels"), fields(RbacValidation.errors(role)));
    }

    @Test
    void aSubjectWithoutAKindIsAnUnsupportedValue() {
        ClusterRoleBinding binding = new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("readers", null, null, null, null, null, null),
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, "reader"),
                List.of(new ClusterRoleBinding.Subject(null, RbacApi.GROUP, "alice", null)));

        assertEquals(List.of("subjects[0].kind"), fields(RbacValidation.errors(binding)));
    }

    @Test
    void aBindingMayNotChangeItsRole() {
        ObjectMeta stored = new ObjectMeta("readers", null, "uid", "3", null, null, null);
        List<ClusterRoleBinding.Subject> alice = List.of(new ClusterRoleBinding.Subject(
                ClusterRoleBinding.Subject.USER, RbacApi.GROUP, "alice", null));
        ClusterRoleBinding current = new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION, stored,
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, "reader"), alice);
        ClusterRoleBinding rebound = new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION, stored,
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, "cluster-admin"), alice);

        assertEquals(List.of("roleRef"), fields(RbacValidation.updateErrors(current, rebound)));
        assertEquals(List.of(), RbacValidation.updateErrors(current, current));
    }

    @Test
    void aNameIsAnyPathSegmentAndSoIsAGenerateName() {
        ClusterRole role = new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("..", "..", null, null, null, null, null), READ_CSRS);

        assertEquals(List.of("metadata.generateName: Invalid value: \"..\": may not be '..'",
                "metadata.name: Invalid value: \"..\": may not be '..'"), RbacValidation.errors(role).stream()
                .map(FieldError::toCause).map(cause -> cause.field() + ": " + cause.message()).toList());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
