package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.EventType;

/**
 * Create-time validation as kube-apiserver does it: each bad request gets its {@code Status} code and reason, and
 * nothing of it is stored or published.
 */
class BadRequestIT {

    @TempDir
    static Path work;

    private static String validRequestPem;
    private final ApiClient admin = ApiClient.admin();

    @BeforeAll
    static void makeAValidRequest() {
        validRequestPem = Openssl.newKeyAndRequest(work, "valid", "/CN=heidi/O=dev-team").requestPem();
    }

    @Test
    void malformedJsonIsBadRequest() {
        String name = Csrs.uniqueName("malformed-json");
        String json = valid(name).json().toString();
        ApiClient.Response response = admin.create(json.substring(0, json.length() - 3));
        assertRejected(response, 400, "BadRequest", name);
    }

    @Test
    void requestThatIsNotBase64IsBadRequest() {
        String name = Csrs.uniqueName("not-base64");
        ObjectNode csr = valid(name).json();
        ((ObjectNode) csr.get("spec")).put("request", "this is not base64!");
        assertRejected(admin.create(csr.toString()), 400, "BadRequest", name);
    }

    @Test
    void requestThatIsNotPemIsInvalid() {
        String name = Csrs.uniqueName("not-pem");
        ObjectNode csr = valid(name).json();
        ((ObjectNode) csr.get("spec")).put("request",
                Base64.getEncoder().encodeToString("hello, I am no PEM block".getBytes(StandardCharsets.US_ASCII)));
        assertRejected(admin.create(csr.toString()), 422, "Invalid", name);
    }

    @Test
    void requestWithBrokenSignatureIsInvalid() {
        String name = Csrs.uniqueName("broken-signature");
        byte[] der = Openssl.requestDer(work, validRequestPem);
        der[der.length - 1] ^= 0x01;
        String brokenPem = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        assertTrue(Openssl.requestSignatureVerifies(work, validRequestPem), "openssl verifies a good signature");
        assertFalse(Openssl.requestSignatureVerifies(work, brokenPem), "the fixture's signature must not verify");

        ApiClient.Response response = admin.create(Csrs.Manifest.of(name, brokenPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).json().toString());
        assertRejected(response, 422, "Invalid", name);
    }

    @Test
    void requestWithoutSignerNameIsInvalid() {
        String name = Csrs.uniqueName("no-signer");
        ObjectNode csr = valid(name).json();
        ((ObjectNode) csr.get("spec")).remove("signerName");
        assertRejected(admin.create(csr.toString()), 422, "Invalid", name);
    }

    @Test
    void expirationUnderTenMinutesIsInvalid() {
        String name = Csrs.uniqueName("expires-too-soon");
        Csrs.Manifest manifest = new Csrs.Manifest(name, validRequestPem, SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES, 599);
        assertRejected(admin.create(manifest.json().toString()), 422, "Invalid", name);
    }

    @Test
    void labelKeyThatIsNoQualifiedNameIsInvalid() {
        String name = Csrs.uniqueName("bad-label-key");
        ApiClient.Response response = admin.create(valid(name).withLabels(Map.of("bad key!", "v")).json()
                .toString());
        assertRejected(response, 422, "Invalid", name);
        assertEquals("metadata.labels", response.body().path("details").path("causes").path(0).path("field")
                .asText(), response.body().toString());
    }

    /** Over HTTP/1.1, as this client speaks. */
    @Test
    void bodyOverTheSizeLimitIsRequestEntityTooLarge() {
        String name = Csrs.uniqueName("oversize");
        ObjectNode csr = valid(name).json();
        ((ObjectNode) csr.get("metadata")).putObject("annotations").put("note", "x".repeat(300 * 1024));

        ApiClient.Response response = admin.create(csr.toString());

        assertRejected(response, 413, "RequestEntityTooLarge", name);
        assertTrue(response.body().path("message").asText().startsWith("Request entity too large: limit is "),
                response.body().toString());
    }

    @Test
    void duplicateNameIsAlreadyExists() {
        String name = Csrs.uniqueName("duplicate");
        Kubectl kubectl = Kubectl.admin();
        kubectl.create(valid(name).yaml());
        String uid = kubectl.get(name).path("metadata").path("uid").asText();
        KafkaTopics.awaitEvents(EventType.CREATED, uid, 1);

        Command.Result again = kubectl.runWithInput(valid(name).yaml(), "create", "-f", "-");
        assertFalse(again.succeeded());
        assertTrue(again.stderr().contains("AlreadyExists"), "kubectl shows the reason: " + again.stderr());
        ApiClient.Response response = admin.create(new Csrs.Manifest(name, validRequestPem,
                SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Csrs.KUBELET_CLIENT_USAGES, 3600).json().toString());
        assertStatus(response, 409, "AlreadyExists");

        JsonNode stored = kubectl.get(name);
        assertEquals(uid, stored.path("metadata").path("uid").asText(), "the first request stays");
        assertEquals(SignerNames.KUBE_APISERVER_CLIENT, stored.path("spec").path("signerName").asText());
        LifecycleTopic.awaitEarlierPublications();
        assertEquals(1, LifecycleTopic.eventsAbout(name).size(), "only the first request was published");
    }

    @Test
    void requestWithoutClientCertificateIsUnauthorized() {
        String name = Csrs.uniqueName("anonymous");
        assertRejected(ApiClient.anonymous().create(valid(name).json().toString()), 401, "Unauthorized", name);
    }

    /**
     * Kubernetes' CertificateSubjectRestriction admission: nobody, not even an admin, obtains a {@code system:masters}
     * client certificate through the API. Any authenticated user may create requests otherwise.
     */
    @Test
    void requestForSystemMastersIsForbidden() {
        String name = Csrs.uniqueName("system-masters");
        String mastersRequest = Openssl.newKeyAndRequest(work, name, "/CN=mallory/O=system:masters").requestPem();
        assertRejected(admin.create(Csrs.Manifest.of(name, mastersRequest, SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).json().toString()), 403, "Forbidden", name);
    }

    private static Csrs.Manifest valid(String name) {
        return Csrs.Manifest.of(name, validRequestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES);
    }

    private void assertRejected(ApiClient.Response response, int code, String reason, String name) {
        assertStatus(response, code, reason);
        assertTrue(Kubectl.admin().find(name).isEmpty(), "kubectl get csr " + name + " answers NotFound");
        LifecycleTopic.assertNothingPublishedAbout(name);
    }

    private static void assertStatus(ApiClient.Response response, int code, String reason) {
        JsonNode status = response.body();
        assertEquals(code, response.code(), "HTTP status; body " + status);
        assertEquals("Status", status.path("kind").asText(), status.toString());
        assertEquals("v1", status.path("apiVersion").asText(), status.toString());
        assertEquals("Failure", status.path("status").asText(), status.toString());
        assertEquals(reason, response.reason(), status.toString());
        assertEquals(code, status.path("code").asInt(), status.toString());
        assertFalse(status.path("message").asText().isBlank(), "a message for kubectl to print: " + status);
    }
}
