package io.certpipe.intake.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.certpipe.intake.kube.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerTest {

    private static final String GROUP = "certificates.k8s.io";
    private static final String CSRS = "certificatesigningrequests";

    private final Authorizer authorizer = new Authorizer();
    private final UserInfo admin = user("certpipe-admin", "system:masters");
    private final UserInfo node = user("system:node:n1", "system:nodes");
    private final UserInfo bob = user("bob");

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "watch", "delete", "update"})
    void mastersMayDoEverything(String verb) {
        assertTrue(authorizer.allows(admin, csr(verb, null)));
        assertTrue(authorizer.allows(admin, csr(verb, "approval")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "watch"})
    void nodesMayCreateAndReadRequests(String verb) {
        assertTrue(authorizer.allows(node, csr(verb, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "update"})
    void nodesMayNotChangeRequests(String verb) {
        assertFalse(authorizer.allows(node, csr(verb, null)));
    }

    @Test
    void nodesMayNotApprove() {
        assertFalse(authorizer.allows(node, csr("update", "approval")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "delete"})
    void othersMayNotTouchRequests(String verb) {
        assertFalse(authorizer.allows(bob, csr(verb, null)));
    }

    @Test
    void discoveryAndSelfReviewAreOpenToEveryAuthenticatedUser() {
        assertTrue(authorizer.allows(bob, RequestAttributes.nonResource("get", "/version")));
        assertTrue(authorizer.allows(bob, RequestAttributes.nonResource("get", "/openapi/v3")));
        assertTrue(authorizer.allows(bob,
                RequestAttributes.resource("create", "authentication.k8s.io", "selfsubjectreviews", null, null)));
    }

    @Test
    void refusesAListInKubernetesWords() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> authorizer.authorize(bob, csr("list", null)));

        assertEquals(403, refusal.code());
        assertEquals("certificatesigningrequests.certificates.k8s.io is forbidden: User \"bob\" cannot list "
                + "resource \"certificatesigningrequests\" in API group \"certificates.k8s.io\" at the cluster scope",
                refusal.getMessage());
    }

    @Test
    void refusesAnApprovalNamingTheSubresource() {
        ApiException refusal = assertThrows(ApiException.class, () -> authorizer.authorize(node,
                RequestAttributes.resource("update", GROUP, CSRS, "approval", "alice")));

        assertEquals("certificatesigningrequests.certificates.k8s.io \"alice\" is forbidden: User "
                + "\"system:node:n1\" cannot update resource \"certificatesigningrequests/approval\" in API group "
                + "\"certificates.k8s.io\" at the cluster scope", refusal.getMessage());
    }

    private static RequestAttributes csr(String verb, String subresource) {
        return RequestAttributes.resource(verb, GROUP, CSRS, subresource, null);
    }

    private static UserInfo user(String name, String... groups) {
        List<String> all = new java.util.ArrayList<>(List.of(groups));
        all.add(UserInfo.AUTHENTICATED);
        return new UserInfo(name, "", all, Map.of());
    }
}
