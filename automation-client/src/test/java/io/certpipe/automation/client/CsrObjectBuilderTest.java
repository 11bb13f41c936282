package io.certpipe.automation.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsrObjectBuilderTest {

    private static final String PEM = """
            -----BEGIN CERTIFICATE REQUEST-----
            MIIBtest
            -----END CERTIFICATE REQUEST-----
            """;
    private static final List<String> USAGES = List.of("digital signature", "client auth");

    @Test
    void buildsTheObjectOneWouldPostWithThePemBase64Encoded() {
        var object = CsrObjectBuilder.forPem(PEM, "example.com/clients", USAGES).build();

        assertEquals("certificates.k8s.io/v1", object.path("apiVersion").asText());
        assertEquals("CertificateSigningRequest", object.path("kind").asText());
        assertEquals(PEM, new String(Base64.getDecoder().decode(object.path("spec").path("request").asText()),
                StandardCharsets.US_ASCII));
        assertEquals("example.com/clients", object.path("spec").path("signerName").asText());
        assertEquals("digital signature", object.path("spec").path("usages").path(0).asText());
        assertEquals("client auth", object.path("spec").path("usages").path(1).asText());
        assertFalse(object.path("spec").has("expirationSeconds"));
    }

    @Test
    void letsTheApiNameTheObjectUnlessNamed() {
        var unnamed = CsrObjectBuilder.forPem(PEM, "example.com/clients", USAGES).build();
        var prefixed = CsrObjectBuilder.forPem(PEM, "example.com/clients", USAGES).generateName("ci-").build();
        var named = CsrObjectBuilder.forPem(PEM, "example.com/clients", USAGES).name("ci-runner-7").build();

        assertEquals(CsrObjectBuilder.DEFAULT_GENERATE_NAME, unnamed.path("metadata").path("generateName").asText());
        assertEquals("ci-", prefixed.path("metadata").path("generateName").asText());
        assertEquals("ci-runner-7", named.path("metadata").path("name").asText());
        assertFalse(named.path("metadata").has("generateName"));
    }

    @Test
    void asksForTheExpirationInSeconds() {
        var object = CsrObjectBuilder.forPem(PEM, "example.com/clients", USAGES).expiration(Duration.ofHours(2))
                .build();

        assertEquals(7200, object.path("spec").path("expirationSeconds").asLong());
    }

    @Test
    void refusesARequestThatIsNotPem() {
        var alreadyEncoded = Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII));

        assertThrows(IllegalArgumentException.class,
                () -> CsrObjectBuilder.forPem(alreadyEncoded, "example.com/clients", USAGES));
    }
}
