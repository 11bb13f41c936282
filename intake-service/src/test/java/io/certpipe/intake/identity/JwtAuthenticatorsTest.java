package io.certpipe.intake.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorsTest {

    private static final String KEYCLOAK = """
            apiVersion: apiserver.config.k8s.io/v1beta1
            kind: AuthenticationConfiguration
            jwt:
            - issuer:
                url: http://127.0.0.1:8180/realms/certpipe
                audiences: [kubectl, certpipe-console]
                audienceMatchPolicy: MatchAny
              claimMappings:
                username: {claim: preferred_username, prefix: "oidc:"}
                groups: {claim: groups, prefix: "oidc:"}
            """;

    @TempDir
    Path work;

    @Test
    void readsKubernetesStructuredAuthenticationConfiguration() throws IOException {
        List<JwtAuthenticators.JwtAuthenticator> issuers = JwtAuthenticators.read(file(KEYCLOAK));

        assertEquals(1, issuers.size());
        JwtAuthenticators.JwtAuthenticator keycloak = issuers.getFirst();
        assertEquals("http://127.0.0.1:8180/realms/certpipe", keycloak.issuer().url());
        assertEquals(List.of("kubectl", "certpipe-console"), keycloak.issuer().audiences());
        assertEquals("oidc:alice", keycloak.claimMappings().username().prefixed("alice"));
        assertEquals("oidc:csr-approvers", keycloak.claimMappings().groups().prefixed("csr-approvers"));
    }

    @Test
    void aFieldCertpipeDoesNotHonourIsRefusedRatherThanIgnored() throws IOException {
        Path file = file(KEYCLOAK + """
                  claimValidationRules:
                  - {claim: hd, requiredValue: example.com}
                """);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> JwtAuthenticators.read(file));

        assertTrue(refused.getMessage().contains("claimValidationRules"), refused.getMessage());
    }

    @Test
    void anIssuerOverPlainHttpIsAcceptedOnlyOnLoopback() throws IOException {
        Path remote = file(KEYCLOAK.replace("http://127.0.0.1:8180", "http://idp.example.com"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> JwtAuthenticators.read(remote));

        assertTrue(refused.getMessage().contains("jwt[0].issuer.url: Invalid value: \"http://idp.example.com/realms/"
                + "certpipe\": must be an https URL"), refused.getMessage());
        JwtAuthenticators.read(file(KEYCLOAK.replace("http://127.0.0.1:8180", "https://idp.example.com")));
    }

    @Test
    void anIssuerWithoutAudienceOrUsernameClaimIsInvalid() throws IOException {
        Path file = file(KEYCLOAK.replace("    audiences: [kubectl, certpipe-console]\n", "")
                .replace("    audienceMatchPolicy: MatchAny\n", "")
                .replace("username: {claim: preferred_username, prefix: \"oidc:\"}", "username: {prefix: \"oidc:\"}"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> JwtAuthenticators.read(file));

        assertTrue(refused.getMessage().contains("jwt[0].issuer.audiences: Required value")
                && refused.getMessage().contains("jwt[0].claimMappings.username.claim: Required value"),
                refused.getMessage());
    }

    @Test
    void severalAudiencesNeedTheMatchAnyPolicyAsInKubernetes() throws IOException {
        Path file = file(KEYCLOAK.replace("    audienceMatchPolicy: MatchAny\n", ""));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> JwtAuthenticators.read(file));

        assertTrue(refused.getMessage().contains("jwt[0].issuer.audienceMatchPolicy: Invalid value: \"null\": must be "
                + "MatchAny for multiple audiences"), refused.getMessage());
    }

    @Test
    void theIssuerOfABearerTokenIsReadOnlyToChooseWhoVerifiesIt() {
        String claims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"http://127.0.0.1:8180/realms/certpipe\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals("http://127.0.0.1:8180/realms/certpipe",
                ClusterTokenIssuers.unverifiedIssuer("Bearer e30." + claims + ".c2ln").orElseThrow());
        assertTrue(ClusterTokenIssuers.unverifiedIssuer("Bearer not-a-jwt").isEmpty());
        assertTrue(ClusterTokenIssuers.unverifiedIssuer("Basic dXNlcjpwYXNz").isEmpty());
        assertTrue(ClusterTokenIssuers.unverifiedIssuer(null).isEmpty());
    }

    private Path file(String content) throws IOException {
        return Files.writeString(work.resolve("default.yaml"), content);
    }
}
