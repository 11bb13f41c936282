package io.certpipe.intake.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Status;
import org.junit.jupiter.api.Test;

class RbacValidationTest {

    private static final List<PolicyRule> READ_CSRS = List.of(new PolicyRule(List.of("get"),
            List.of("certificates.k8s.io"), List.of("certificatesigningrequests"), null, null));

    @Test
    void aRoleWithABadLabelIsInvalidLikeAnyKind() {
        ClusterRole role = new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("reader", null, null, null, null, Map.of("bad key!", "v"), null), READ_CSRS);

        ApiException refusal = assertThrows(ApiException.class, () -> RbacValidation.validate(role));

        assertEquals(422, refusal.code());
        assertEquals(List.of("metadata.labels"), refusal.details().causes().stream().map(Status.Cause::field)
                .toList());
    }

    @Test
    void aSubjectWithoutAKindIsAnUnsupportedValue() {
        ClusterRoleBinding binding = new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("readers", null, null, null, null, null, null),
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, "reader"),
                List.of(new ClusterRoleBinding.Subject(null, RbacApi.GROUP, "alice", null)));

        ApiException refusal = assertThrows(ApiException.class, () -> RbacValidation.validate(binding));

        assertEquals(422, refusal.code());
        assertEquals("subjects[0].kind", refusal.details().causes().getFirst().field());
    }

    @Test
    void anUpdateIsValidatedToo() {
        ObjectMeta stored = new ObjectMeta("reader", null, "uid", "3", null, null, null);
        ClusterRole current = new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION, stored, READ_CSRS);
        ClusterRole annotated = new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("reader", null, "uid", "3", null, null, Map.of("Bad Key", "v")), READ_CSRS);

        ApiException refusal = assertThrows(ApiException.class, () -> RbacValidation.validateUpdate(current,
                annotated));

        assertEquals("metadata.annotations", refusal.details().causes().getFirst().field());
    }

    @Test
    void aNameIsAnyPathSegmentAndSoIsAGenerateName() {
        ClusterRole role = new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION,
                new ObjectMeta("..", "..", null, null, null, null, null), READ_CSRS);

        ApiException refusal = assertThrows(ApiException.class, () -> RbacValidation.validate(role));

        assertEquals(List.of("metadata.generateName: Invalid value: \"..\": may not be '..'",
                "metadata.name: Invalid value: \"..\": may not be '..'"), refusal.details().causes().stream()
                .map(cause -> cause.field() + ": " + cause.message()).toList());
    }
}
