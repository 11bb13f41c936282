package io.certpipe.intake.rbac;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import org.junit.jupiter.api.Test;

class RbacEscalationTest {

    private static final String CLUSTER = "dev";

    /** dave administers RBAC objects and may approve for example.com/serving, nothing more. */
    private final List<RbacObject> objects = new ArrayList<>(AuthorizerTest.withDocsApprover());
    private final UserInfo dave = AuthorizerTest.user("dave");

    RbacEscalationTest() {
        objects.add(AuthorizerTest.role("rbac-editor", new PolicyRule(List.of("create", "update"),
                List.of(RbacApi.GROUP), List.of("clusterroles", "clusterrolebindings"), null, null)));
        objects.add(AuthorizerTest.binding("dave-rbac", "rbac-editor", "User", "dave"));
        objects.add(AuthorizerTest.role("serving-approver", new PolicyRule(List.of("approve"),
                List.of("certificates.k8s.io"), List.of("signers"), List.of("example.com/serving"), null)));
        objects.add(AuthorizerTest.binding("dave-serving", "serving-approver", "User", "dave"));
    }

    @Test
    void mayGrantWhatOneHolds() {
        ClusterRole subset = AuthorizerTest.role("subset", new PolicyRule(List.of("approve"),
                List.of("certificates.k8s.io"), List.of("signers"), List.of("example.com/serving"), null));

        assertDoesNotThrow(() -> check(dave, subset));
    }

    @Test
    void mayNotGrantWhatOneLacks() {
        ClusterRole more = AuthorizerTest.role("more", new PolicyRule(List.of("approve"),
                List.of("certificates.k8s.io"), List.of("signers"), List.of("example.com/other"), null));

        ApiException refusal = assertThrows(ApiException.class, () -> check(dave, more));

        assertEquals(403, refusal.code());
        assertTrue(refusal.getMessage().contains("is attempting to grant RBAC permissions not currently held"),
                refusal.getMessage());
        assertTrue(refusal.getMessage().contains("example.com/other"), refusal.getMessage());
    }

    @Test
    void aWildcardNeedsEscalate() {
        ClusterRole wild = AuthorizerTest.role("wild", new PolicyRule(List.of("*"), List.of("*"), List.of("*"),
                null, null));

        assertThrows(ApiException.class, () -> check(dave, wild));
        assertDoesNotThrow(() -> check(AuthorizerTest.user("root", "system:masters"), wild));
    }

    @Test
    void bindingARoleNeedsItsPermissionsOrBind() {
        ClusterRoleBinding toApprover = AuthorizerTest.binding("x", "csr-approver", "User", "eve");

        assertThrows(ApiException.class, () -> check(dave, toApprover));

        objects.add(AuthorizerTest.role("binder", new PolicyRule(List.of("bind"), List.of(RbacApi.GROUP),
                List.of("clusterroles"), List.of("csr-approver"), null)));
        objects.add(AuthorizerTest.binding("dave-binder", "binder", "User", "dave"));
        assertDoesNotThrow(() -> check(dave, toApprover));
    }

    private void check(UserInfo user, RbacObject object) {
        RbacPolicy policy = RbacPolicy.of(objects);
        Authorizer authorizer = new Authorizer(cluster -> policy);
        RbacEscalation.check(user, object, policy, request -> authorizer.allows(CLUSTER, user, request));
    }
}
