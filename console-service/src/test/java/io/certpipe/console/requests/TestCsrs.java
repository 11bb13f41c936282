package io.certpipe.console.requests;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** CertificateSigningRequests as intake serves them (certificates.k8s.io/v1 JSON), for the console's tests. */
public final class TestCsrs {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private TestCsrs() {
    }

    /** A pending request {@code name} of {@code requester} for {@code signerName}, made at {@code created}. */
    public static ObjectNode pending(String name, String requestPem, String signerName, String requester,
            String created) {
        ObjectNode csr = JSON.createObjectNode()
                .put("kind", "CertificateSigningRequest")
                .put("apiVersion", "certificates.k8s.io/v1");
        csr.putObject("metadata").put("name", name).put("uid", "7d1c3f5e-0000-4000-8000-000000000001")
                .put("resourceVersion", "42").put("creationTimestamp", created);
        ObjectNode spec = csr.putObject("spec")
                .put("request", Base64.getEncoder().encodeToString(requestPem.getBytes(StandardCharsets.US_ASCII)))
                .put("signerName", signerName)
                .put("expirationSeconds", 86_400)
                .put("username", requester);
        spec.putArray("usages").add("digital signature").add("client auth");
        spec.putArray("groups").add("oidc:csr-requesters").add("system:authenticated");
        csr.putObject("status");
        return csr;
    }

    /** {@code csr} with the condition {@code type} ({@code Approved}, ...) added. */
    public static ObjectNode withCondition(ObjectNode csr, String type, String reason, String message) {
        csr.withObjectProperty("status").withArrayProperty("conditions").addObject().put("type", type)
                .put("status", "True").put("reason", reason).put("message", message)
                .put("lastUpdateTime", "2026-12-06T06:00:00Z");
        return csr;
    }

    /** {@code csr} issued: {@code status.certificate} holds the base64 of {@code certificatePem}. */
    public static ObjectNode withCertificate(ObjectNode csr, String certificatePem) {
        csr.withObjectProperty("status").put("certificate", Base64.getEncoder().encodeToString(certificatePem
                .getBytes(StandardCharsets.US_ASCII)));
        return csr;
    }

    public static Csr read(JsonNode csr) {
        try {
            return JSON.treeToValue(csr, Csr.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
