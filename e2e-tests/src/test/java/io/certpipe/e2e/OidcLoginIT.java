package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;

/**
 * People signed in through the stack's real Keycloak ({@code ./certpipe up --keycloak}): {@code ./certpipe login}
 * writes a kubeconfig whose user is the OIDC identity, RBAC bindings name OIDC groups, and a token that cannot be
 * verified (forged, for another audience, expired) or meant for a cluster that does not trust the issuer is 401 with
 * Kubernetes' Status. {@code ./certpipe test} runs this class (tag {@value #TAG}) on the stack started with
 * {@code --keycloak}.
 */
@Tag(OidcLoginIT.TAG)
class OidcLoginIT {

    static final String TAG = "keycloak";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @Test
    void loginWritesAKubeconfigWhoseUserIsTheOidcIdentity() throws Exception {
        Kubectl approver = login("approver");

        JsonNode whoami = JSON.readTree(approver.run("auth", "whoami", "-o", "json")
                .requireSuccess("kubectl auth whoami").stdout());

        JsonNode user = whoami.path("status").path("userInfo");
        assertEquals("oidc:approver", user.path("username").asText(), whoami.toString());
        List<String> groups = JSON.convertValue(user.path("groups"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertTrue(groups.contains("oidc:csr-approvers") && groups.contains("system:authenticated"), groups.toString());
    }

    @Test
    void rbacBindingsNameOidcGroups() {
        String name = Csrs.uniqueName("oidc-approved");
        Kubectl.admin().create(Csrs.Manifest.of(name, Openssl.newKeyAndRequest(work, name, "/CN=oidc-user")
                .requestPem(), SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).yaml());

        Command.Result byRequester = login("requester").run("certificate", "approve", name);
        assertFalse(byRequester.succeeded());
        assertTrue(byRequester.stderr().contains("Forbidden") && byRequester.stderr().contains("oidc:requester"),
                byRequester.stderr());

        login("approver").approve(name);
        Csrs.awaitCertificate(Kubectl.admin(), name);
    }

    @Test
    void aForgedTokenOrOneForAnotherAudienceIsUnauthorizedWithKubernetesStatus() {
        String token = Keycloak.passwordGrant("kubectl", "approver").path("id_token").asText();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String otherAudience = Keycloak.passwordGrant("admin-cli", "approver").path("id_token").asText();

        assertEquals(200, ApiClient.withBearerToken(token).callCsrs("GET", "", null).code());
        for (String refused : List.of(forged, otherAudience, "not-a-jwt")) {
            ApiClient.Response answer = ApiClient.withBearerToken(refused).callCsrs("GET", "", null);
            assertEquals(401, answer.code());
            assertEquals("Status", answer.body().path("kind").asText(), answer.body().toString());
            assertEquals("Unauthorized", answer.reason());
        }
    }

    /** Keycloak makes this one token short-lived (its client's lifespan for a moment), then the test waits it out. */
    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        Keycloak.setClientAttribute("kubectl", "access.token.lifespan", "5");
        String token;
        try {
            token = Keycloak.passwordGrant("kubectl", "approver").path("id_token").asText();
        } finally {
            Keycloak.setClientAttribute("kubectl", "access.token.lifespan", "");
        }
        assertEquals(200, ApiClient.withBearerToken(token).callCsrs("GET", "", null).code());

        Thread.sleep(8_000);

        assertEquals(401, ApiClient.withBearerToken(token).callCsrs("GET", "", null).code());
    }

    @Test
    void aTokenDoesNotLogInToAClusterThatDoesNotTrustItsIssuer() throws Exception {
        Kubectl approver = login("approver");
        Path elsewhere = work.resolve("kubeconfig-approver-tenant-b");
        Files.writeString(elsewhere, Files.readString(approver.kubeconfig())
                .replace("/clusters/" + Stack.CLUSTER, "/clusters/" + AuthorizationIT.OTHER_CLUSTER));

        Command.Result refused = new Kubectl(elsewhere).run("get", "csr");

        assertFalse(refused.succeeded());
        assertTrue(refused.stderr().contains("Unauthorized") || refused.stderr().contains("provide credentials"),
                refused.stderr());
    }

    /** {@code ./certpipe login USER}, the password from the environment as a script gives it. */
    private static Kubectl login(String username) {
        Command.Result login = Stack.runCertpipe(Map.of("CERTPIPE_PASSWORD", Keycloak.password(username)), "login",
                username).requireSuccess("certpipe login " + username);
        List<String> lines = login.stdout().lines().filter(line -> !line.isBlank()).toList();
        return new Kubectl(Path.of(lines.getLast()));
    }
}
