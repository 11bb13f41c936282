package io.certpipe.intake.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.ObjectMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerTest {

    private static final String CERTIFICATES = "certificates.k8s.io";
    private static final String CSRS = "certificatesigningrequests";
    private static final String CLUSTER = "dev";

    private final UserInfo admin = user("certpipe-admin", "system:masters");
    private final UserInfo node = user("system:node:n1", "system:nodes");
    private final UserInfo bob = user("bob");
    private final UserInfo alice = user("alice");

    private final Authorizer defaults = authorizerOver(RbacBootstrap.defaults());
    private final Authorizer withApprover = authorizerOver(withDocsApprover());

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "watch", "delete", "update", "patch"})
    void mastersMayDoEverythingEvenWithoutBindings(String verb) {
        Authorizer nothingBound = authorizerOver(List.of());

        assertTrue(nothingBound.allows(CLUSTER, admin, csr(verb, null, "x")));
        assertTrue(nothingBound.allows(CLUSTER, admin, csr(verb, "approval", "x")));
    }

    @Test
    void everyAuthenticatedUserMayCreateRequestsAskWhoTheyAreAndDiscover() {
        assertTrue(defaults.allows(CLUSTER, bob, csr("create", null, "")));
        assertTrue(defaults.allows(CLUSTER, bob, RequestAttributes.resource("create", "authentication.k8s.io",
                "selfsubjectreviews", null, null)));
        assertTrue(defaults.allows(CLUSTER, bob, RequestAttributes.resource("create", "authorization.k8s.io",
                "selfsubjectaccessreviews", null, null)));
        assertTrue(defaults.allows(CLUSTER, bob, RequestAttributes.nonResource("get", "/apis/certificates.k8s.io")));
        assertTrue(defaults.allows(CLUSTER, bob, RequestAttributes.nonResource("get", "/openapi/v3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "list", "watch", "delete", "update", "patch"})
    void byDefaultAUserMayNotReadOrChangeRequests(String verb) {
        assertFalse(defaults.allows(CLUSTER, bob, csr(verb, null, "x")));
    }

    @Test
    void byDefaultNobodyButAdminsApproves() {
        assertFalse(defaults.allows(CLUSTER, bob, csr("update", "approval", "x")));
        assertFalse(signers(defaults).allows(CLUSTER, bob, "approve", "example.com/my-signer-name"));
        assertTrue(signers(defaults).allows(CLUSTER, admin, "approve", "example.com/my-signer-name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "watch"})
    void nodesMayCreateAndReadRequests(String verb) {
        assertTrue(defaults.allows(CLUSTER, node, csr(verb, null, "")));
    }

    @Test
    void nodesMayNotDeleteOrApprove() {
        assertFalse(defaults.allows(CLUSTER, node, csr("delete", null, "x")));
        assertFalse(defaults.allows(CLUSTER, node, csr("update", "approval", "x")));
    }

    @Test
    void theDocsCsrApproverApprovesForExactlyTheNamedSigner() {
        assertTrue(withApprover.allows(CLUSTER, alice, csr("update", "approval", "x")));
        assertTrue(withApprover.allows(CLUSTER, alice, csr("list", null, "")));
        assertTrue(signers(withApprover).allows(CLUSTER, alice, "approve", "example.com/my-signer-name"));
        assertFalse(signers(withApprover).allows(CLUSTER, alice, "approve", "example.com/other"));
        assertFalse(signers(withApprover).allows(CLUSTER, alice, "sign", "example.com/my-signer-name"));
        assertFalse(withApprover.allows(CLUSTER, alice, csr("delete", null, "x")));
        assertFalse(signers(withApprover).allows(CLUSTER, bob, "approve", "example.com/my-signer-name"));
    }

    @Test
    void aDomainWildcardCoversEverySignerOfTheDomain() {
        List<RbacObject> objects = new ArrayList<>(RbacBootstrap.defaults());
        objects.add(role("example-signer", new PolicyRule(List.of("sign"), List.of(CERTIFICATES),
                List.of("signers"), List.of("example.com/*"), null)));
        objects.add(binding("example-signer", "example-signer", "User", "carol"));
        SignerPermissions permissions = signers(authorizerOver(objects));

        assertTrue(permissions.allows(CLUSTER, user("carol"), "sign", "example.com/serving"));
        assertFalse(permissions.allows(CLUSTER, user("carol"), "sign", "example.org/serving"));
    }

    @Test
    void aPermissionIsPerCluster() {
        Authorizer authorizer = new Authorizer(cluster -> cluster.equals("prod") ? RbacPolicy.of(withDocsApprover())
                : RbacPolicy.of(RbacBootstrap.defaults()));

        assertTrue(authorizer.allows("prod", alice, csr("update", "approval", "x")));
        assertFalse(authorizer.allows("dev", alice, csr("update", "approval", "x")));
    }

    @Test
    void subresourceWildcardsAndUrlPrefixesMatchAsInKubernetes() {
        PolicyRule anyApproval = new PolicyRule(List.of("update"), List.of("*"), List.of("*/approval"), null, null);
        PolicyRule openApi = new PolicyRule(List.of("get"), null, null, null, List.of("/openapi/*"));

        assertTrue(anyApproval.allows(csr("update", "approval", "x")));
        assertFalse(anyApproval.allows(csr("update", "status", "x")));
        assertFalse(anyApproval.allows(csr("update", null, "x")));
        assertTrue(openApi.allows(RequestAttributes.nonResource("get", "/openapi/v3/apis/x")));
        assertFalse(openApi.allows(RequestAttributes.nonResource("get", "/version")));
    }

    @Test
    void refusesInKubeApiserversWords() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> defaults.authorize(CLUSTER, bob, csr("update", "approval", "mine")));

        assertEquals(403, refusal.code());
        assertEquals("certificatesigningrequests.certificates.k8s.io \"mine\" is forbidden: User \"bob\" cannot "
                + "update resource \"certificatesigningrequests/approval\" in API group \"certificates.k8s.io\" "
                + "at the cluster scope", refusal.getMessage());
    }

    @Test
    void signerRefusalNamesTheSigner() {
        ApiException refusal = assertThrows(ApiException.class, () -> signers(withApprover)
                .require(CLUSTER, alice, "approve", "example.com/other", "req"));

        assertEquals("certificatesigningrequests.certificates.k8s.io \"req\" is forbidden: user not permitted to "
                + "approve requests with signerName \"example.com/other\"", refusal.getMessage());
    }

    static List<RbacObject> withDocsApprover() {
        List<RbacObject> objects = new ArrayList<>(RbacBootstrap.defaults());
        try (InputStream in = AuthorizerTest.class.getResourceAsStream("/rbac/csr-approver.yaml")) {
            objects.addAll(RbacManifests.read(in, "csr-approver.yaml", new ObjectMapper()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return objects;
    }

    static Authorizer authorizerOver(List<RbacObject> objects) {
        RbacPolicy policy = RbacPolicy.of(objects);
        return new Authorizer(cluster -> policy);
    }

    static ClusterRole role(String name, PolicyRule... rules) {
        return new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION, meta(name), List.of(rules));
    }

    static ClusterRoleBinding binding(String name, String role, String kind, String subject) {
        return new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION, meta(name),
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, role),
                List.of(new ClusterRoleBinding.Subject(kind, RbacApi.GROUP, subject, null)));
    }

    static UserInfo user(String name, String... groups) {
        List<String> all = new ArrayList<>(List.of(groups));
        all.add(UserInfo.AUTHENTICATED);
        return new UserInfo(name, "", all, Map.of());
    }

    private static ObjectMeta meta(String name) {
        return new ObjectMeta(name, null, null, "1", Instant.EPOCH, null, null);
    }

    private static SignerPermissions signers(Authorizer authorizer) {
        return new SignerPermissions(authorizer);
    }

    private static RequestAttributes csr(String verb, String subresource, String name) {
        return RequestAttributes.resource(verb, CERTIFICATES, CSRS, subresource, name);
    }
}
