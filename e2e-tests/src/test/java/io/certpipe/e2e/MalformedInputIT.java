package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;

/**
 * Every endpoint answers malformed input as kube-apiserver does: a 4xx {@code Status} (or, where Kubernetes answers
 * a review of whatever was asked, that answer), never a 500. The bodies and parameters are what a broken client or an
 * attacker sends, not what kubectl sends.
 */
class MalformedInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/clusterroles";
    private static final String BINDINGS = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings";
    private static final String AUTHORIZATION = "/apis/authorization.k8s.io/v1/";
    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    /** Bodies that are not the object an endpoint takes, from no JSON at all to the right shape with wrong types. */
    private static final List<String> MALFORMED_BODIES = List.of("", "null", "[]", "\"text\"", "42", "{", "{}",
            "{\"metadata\":\"x\"}", "{\"metadata\":{\"name\":5}}", "{\"metadata\":{\"labels\":[]}}",
            "{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"abc\"}}", "{\"spec\":[]}",
            "{\"spec\":{\"request\":5}}", "{\"spec\":{\"usages\":\"client auth\"}}",
            "{\"spec\":{\"resourceAttributes\":{\"resource\":\"x\"}}}", "{\"spec\":{\"nonResourceAttributes\":{}}}",
            "{\"spec\":{\"resourceAttributes\":null,\"nonResourceAttributes\":null}}",
            "{\"status\":{\"conditions\":\"x\"}}", "{\"status\":{\"conditions\":[null]}}",
            "{\"status\":{\"conditions\":[{\"type\":null}]}}", "{\"rules\":[null]}", "{\"rules\":[{\"verbs\":5}]}",
            "{\"roleRef\":null,\"subjects\":[null]}", "{\"subjects\":[{\"kind\":null}]}");

    /** Query strings a list or watch must refuse cleanly. */
    private static final List<String> MALFORMED_QUERIES = List.of("?resourceVersion=abc",
            "?watch=true&resourceVersion=abc&timeoutSeconds=1", "?watch=true&timeoutSeconds=x",
            "?labelSelector=a%20in", "?labelSelector=%21%21", "?fieldSelector=nosuchfield%3Dx",
            "?fieldSelector=%3D%3D", "?limit=-1", "?limit=abc", "?continue=garbage", "?resourceVersionMatch=Sometimes",
            "?fieldValidation=Sometimes", "?dryRun=Sometimes", "?propagationPolicy=x");

    @TempDir
    static Path work;

    private static String existing;
    private static String existingRole;
    private final ApiClient admin = ApiClient.admin();

    @BeforeAll
    static void createARequestToAimAt() {
        existing = Csrs.uniqueName("malformed-target");
        String request = Openssl.newKeyAndRequest(work, "target", "/CN=malformed/O=dev-team").requestPem();
        Kubectl.admin().create(Csrs.Manifest.of(existing, request, SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        existingRole = Csrs.uniqueName("malformed-target");
        Kubectl.admin().run("create", "clusterrole", existingRole, "--verb=get",
                "--resource=certificatesigningrequests").requireSuccess("create a role to aim at");
    }

    @Test
    void noMalformedBodyGetsAServerError() {
        List<String> targets = List.of(
                "POST " + ApiClient.CSRS, "PUT " + ApiClient.CSRS + "/" + existing,
                "PUT " + ApiClient.CSRS + "/" + existing + "/approval",
                "PUT " + ApiClient.CSRS + "/" + existing + "/status",
                "POST " + RBAC, "PUT " + RBAC + "/" + existingRole, "POST " + BINDINGS,
                "POST " + AUTHORIZATION + "selfsubjectaccessreviews", "POST " + AUTHORIZATION + "subjectaccessreviews",
                "POST /apis/authentication.k8s.io/v1/selfsubjectreviews");
        List<String> failures = new ArrayList<>();
        for (String target : targets) {
            String method = target.substring(0, target.indexOf(' '));
            String path = target.substring(target.indexOf(' ') + 1);
            for (String body : MALFORMED_BODIES) {
                check(failures, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
            }
            check(failures, method, path, "application/yaml", "a: [".getBytes(StandardCharsets.UTF_8));
            check(failures, method, path, PROTOBUF, new byte[] {'k', '8', 's', 0, 1, 2, 3});
        }
        for (String patch : List.of("application/merge-patch+json", "application/strategic-merge-patch+json",
                "application/apply-patch+yaml")) {
            for (String body : MALFORMED_BODIES) {
                check(failures, "PATCH", ApiClient.CSRS + "/" + existing, patch,
                        body.getBytes(StandardCharsets.UTF_8));
                check(failures, "PATCH", RBAC + "/" + existingRole, patch, body.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void noMalformedQueryGetsAServerError() {
        List<String> failures = new ArrayList<>();
        for (String collection : List.of(ApiClient.CSRS, RBAC, BINDINGS, "/api/v1/events",
                "/apis/certpipe.io/v1/signers", "/apis/certificates.k8s.io/v1alpha1/clustertrustbundles")) {
            for (String query : MALFORMED_QUERIES) {
                check(failures, "GET", collection + query, null, null);
            }
        }
        for (String query : MALFORMED_QUERIES) {
            check(failures, "DELETE", ApiClient.CSRS + "/no-such-request" + query, null, null);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void anAccessReviewWithoutAVerbOrPathIsAnsweredAsKubernetesDoes() throws Exception {
        for (String spec : List.of("{\"resourceAttributes\":{\"resource\":\"x\"}}",
                "{\"nonResourceAttributes\":{}}")) {
            ApiClient.TextResponse answer = admin.call("POST", AUTHORIZATION + "selfsubjectaccessreviews",
                    "application/json", ("{\"spec\":" + spec + "}").getBytes(StandardCharsets.UTF_8));
            assertEquals(201, answer.code(), answer.body());
            JsonNode review = JSON.readTree(answer.body());
            assertEquals("SelfSubjectAccessReview", review.path("kind").asText(), answer.body());
            assertTrue(review.path("status").has("allowed"), answer.body());
        }
    }

    private void check(List<String> failures, String method, String path, String contentType, byte[] body) {
        ApiClient.TextResponse response = admin.call(method, path, contentType, body);
        String what = method + " " + path + " [" + contentType + "] " + (body == null ? ""
                : new String(body, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?"));
        if (response.code() >= 500) {
            failures.add(what + " -> " + response.code() + " " + response.body());
            return;
        }
        if (response.code() >= 400 && !isStatus(response.body())) {
            failures.add(what + " -> " + response.code() + " without a Status: " + response.body());
        }
    }

    private static boolean isStatus(String body) {
        try {
            JsonNode status = JSON.readTree(body);
            return status != null && "Status".equals(status.path("kind").asText())
                    && !status.path("message").asText().isBlank();
        } catch (Exception notJson) {
            return false;
        }
    }
}
