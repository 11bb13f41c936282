package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;

/**
 * Writing requests with kubectl as the tutorials do: {@code create -f} (file and stdin), {@code apply} (client-side
 * and server-side), {@code replace}, {@code patch --type=json} and {@code delete}, with the words kubectl 1.32 prints
 * for a real API server.
 */
class KubectlWriteIT {

    static final String RESOURCE = "certificatesigningrequest.certificates.k8s.io";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final Pattern IMMUTABLE_SPEC = Pattern.compile("spec(\\.request)?: Invalid value: .*field is "
            + "immutable");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static String requestPem;
    private final Kubectl admin = Kubectl.admin();

    @BeforeAll
    static void makeARequest() {
        requestPem = Openssl.newKeyAndRequest(work, "writer", "/CN=wendy/O=dev-team").requestPem();
    }

    @Test
    void createFromAFileTwiceIsAlreadyExistsNamingTheFile() throws IOException {
        String name = Csrs.uniqueName("create-file");
        Path file = Files.writeString(work.resolve(name + ".yaml"), manifest(name).yaml());

        Command.Result created = admin.run("create", "-f", file.toString()).requireSuccess("kubectl create -f");
        assertEquals(RESOURCE + "/" + name + " created", created.stdout().trim());
        String uid = admin.get(name).path("metadata").path("uid").asText();

        Command.Result again = admin.run("create", "-f", file.toString());
        assertFalse(again.succeeded(), "a second create must fail: " + again);
        assertEquals("Error from server (AlreadyExists): error when creating \"" + file
                + "\": certificatesigningrequests.certificates.k8s.io \"" + name + "\" already exists",
                again.stderr().trim());
        assertEquals(uid, admin.get(name).path("metadata").path("uid").asText(), "the first request stays");
    }

    @Test
    void createFromStdinTwiceIsAlreadyExists() {
        String name = Csrs.uniqueName("create-stdin");

        Command.Result created = admin.runWithInput(manifest(name).yaml(), "create", "-f", "-")
                .requireSuccess("kubectl create -f -");
        assertEquals(RESOURCE + "/" + name + " created", created.stdout().trim());

        Command.Result again = admin.runWithInput(manifest(name).yaml(), "create", "-f", "-");
        assertFalse(again.succeeded(), "a second create must fail: " + again);
        assertEquals("Error from server (AlreadyExists): error when creating \"STDIN\": "
                + "certificatesigningrequests.certificates.k8s.io \"" + name + "\" already exists",
                again.stderr().trim());
    }

    @Test
    void applyCreatesThenConfiguresAndKeepsTheLastAppliedConfiguration() throws IOException {
        String name = Csrs.uniqueName("apply");
        Csrs.Manifest blue = manifest(name).withLabels(Map.of("team", "blue"));

        Command.Result created = admin.runWithInput(blue.yaml(), "apply", "-f", "-").requireSuccess("kubectl apply");
        assertEquals(RESOURCE + "/" + name + " created", created.stdout().trim());
        JsonNode first = admin.get(name);
        assertEquals("blue", lastApplied(first).path("metadata").path("labels").path("team").asText(),
                "apply records what it applied: " + first.path("metadata"));

        Csrs.Manifest green = manifest(name).withLabels(Map.of("team", "green"));
        Command.Result configured = admin.runWithInput(green.yaml(), "apply", "-f", "-")
                .requireSuccess("kubectl apply (existing)");
        assertEquals(RESOURCE + "/" + name + " configured", configured.stdout().trim());
        JsonNode second = admin.get(name);
        assertEquals("green", second.path("metadata").path("labels").path("team").asText(), second.toString());
        assertEquals("green", lastApplied(second).path("metadata").path("labels").path("team").asText(),
                "the last-applied annotation is kept and follows the change: " + second.path("metadata"));
        assertEquals(first.path("metadata").path("uid"), second.path("metadata").path("uid"), "the same object");
        assertEquals(first.path("spec").path("request"), second.path("spec").path("request"));

        Command.Result unchanged = admin.runWithInput(green.yaml(), "apply", "-f", "-")
                .requireSuccess("kubectl apply (unchanged)");
        assertEquals(RESOURCE + "/" + name + " unchanged", unchanged.stdout().trim());
    }

    @Test
    void serverSideApplyCreatesThenUpdates() {
        String name = Csrs.uniqueName("server-side-apply");

        Command.Result created = admin.runWithInput(manifest(name).withLabels(Map.of("team", "blue")).yaml(),
                "apply", "--server-side", "-f", "-").requireSuccess("kubectl apply --server-side");
        assertEquals(RESOURCE + "/" + name + " serverside-applied", created.stdout().trim());
        JsonNode first = admin.get(name);
        assertEquals("blue", first.path("metadata").path("labels").path("team").asText(), first.toString());
        assertEquals("certpipe-admin", first.path("spec").path("username").asText(),
                "the requestor comes from the caller: " + first);

        Command.Result updated = admin.runWithInput(manifest(name).withLabels(Map.of("team", "green")).yaml(),
                "apply", "--server-side", "-f", "-").requireSuccess("kubectl apply --server-side (existing)");
        assertEquals(RESOURCE + "/" + name + " serverside-applied", updated.stdout().trim());
        JsonNode second = admin.get(name);
        assertEquals("green", second.path("metadata").path("labels").path("team").asText(), second.toString());
        assertEquals(first.path("metadata").path("uid"), second.path("metadata").path("uid"), "the same object");
    }

    @Test
    void replaceChangesLabelsButTheRequestIsImmutable() {
        String name = Csrs.uniqueName("replace");
        admin.create(manifest(name).yaml());
        String request = admin.get(name).path("spec").path("request").asText();

        Command.Result replaced = admin.runWithInput(manifest(name).withLabels(Map.of("team", "blue")).yaml(),
                "replace", "-f", "-").requireSuccess("kubectl replace");
        assertEquals(RESOURCE + "/" + name + " replaced", replaced.stdout().trim());
        assertEquals("blue", admin.get(name).path("metadata").path("labels").path("team").asText());

        String otherRequestPem = Openssl.newKeyAndRequest(work, name + "-other", "/CN=wendy/O=dev-team")
                .requestPem();
        Command.Result changedRequest = admin.runWithInput(manifest(name).withRequest(otherRequestPem).yaml(),
                "replace", "-f", "-");
        assertFalse(changedRequest.succeeded(), "spec.request cannot change: " + changedRequest);
        // The API reference calls the whole spec immutable after creation: the cause may name spec or spec.request.
        String error = changedRequest.stderr();
        assertTrue(error.startsWith("The CertificateSigningRequest \"" + name + "\" is invalid: ")
                && IMMUTABLE_SPEC.matcher(error).find(), "kubectl prints the Invalid cause: " + error);
        assertEquals(request, admin.get(name).path("spec").path("request").asText(), "the request is unchanged");
    }

    @Test
    void jsonPatchChangesLabelsAndAFailedTestChangesNothing() {
        String name = Csrs.uniqueName("json-patch");
        admin.create(manifest(name).withLabels(Map.of("team", "blue")).yaml());

        Command.Result patched = admin.run("patch", "csr", name, "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/a\",\"value\":\"b\"}]")
                .requireSuccess("kubectl patch --type=json");
        assertEquals(RESOURCE + "/" + name + " patched", patched.stdout().trim());
        assertEquals(Map.of("team", "blue", "a", "b"), labels(admin.get(name)));

        Command.Result failedTest = admin.run("patch", "csr", name, "--type=json", "-p",
                "[{\"op\":\"test\",\"path\":\"/metadata/labels/team\",\"value\":\"green\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/labels/a\"}]");
        assertFalse(failedTest.succeeded(), "the test fails: " + failedTest);
        // kube-apiserver's code, reason and message; certpipe's message goes on to say which operation failed.
        assertEquals("The request is invalid: the server rejected our request due to an error in our request: "
                + "testing value /metadata/labels/team failed: test failed", failedTest.stderr().trim());
        assertEquals(Map.of("team", "blue", "a", "b"), labels(admin.get(name)), "nothing of it applied");

        Command.Result badLabel = admin.run("patch", "csr", name, "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/bad key!\",\"value\":\"b\"}]");
        assertFalse(badLabel.succeeded(), "a patch is validated like a create: " + badLabel);
        assertTrue(badLabel.stderr().startsWith("The CertificateSigningRequest \"" + name + "\" is invalid: "
                + "metadata.labels: Invalid value: \"bad key!\""), badLabel.stderr());
    }

    /** What an external signer may do with {@code kubectl patch --subresource=status}, as with kube-apiserver. */
    @Test
    void statusSubresourceTakesAPatch() {
        String name = Csrs.uniqueName("status-patch");
        admin.create(Csrs.Manifest.of(name, requestPem, KubectlGetIT.UNSERVED_SIGNER, Csrs.CLIENT_USAGES).yaml());

        Command.Result patched = admin.run("patch", "csr", name, "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"Failed\",\"status\":\"True\","
                        + "\"reason\":\"SignerGaveUp\",\"message\":\"no CA for this request\"}]}}")
                .requireSuccess("kubectl patch --subresource=status");

        assertEquals(RESOURCE + "/" + name + " patched", patched.stdout().trim());
        JsonNode failed = admin.get(name).path("status").path("conditions").path(0);
        assertEquals("Failed", failed.path("type").asText(), failed.toString());
        assertEquals("SignerGaveUp", failed.path("reason").asText(), failed.toString());
    }

    @Test
    void jsonPatchChangesAClusterRole() {
        String role = Csrs.uniqueName("json-patch-role");
        admin.run("create", "clusterrole", role, "--verb=get", "--resource=certificatesigningrequests")
                .requireSuccess("kubectl create clusterrole");
        try {
            Command.Result patched = admin.run("patch", "clusterrole", role, "--type=json", "-p",
                    "[{\"op\":\"add\",\"path\":\"/rules/0/verbs/-\",\"value\":\"list\"},"
                            + "{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"team\":\"blue\"}}]")
                    .requireSuccess("kubectl patch clusterrole --type=json");
            assertEquals("clusterrole.rbac.authorization.k8s.io/" + role + " patched", patched.stdout().trim());

            JsonNode stored = JSON.readTree(admin.run("get", "clusterrole", role, "-o", "json")
                    .requireSuccess("kubectl get clusterrole").stdout());
            assertEquals(List.of("get", "list"), JSON.convertValue(stored.path("rules").path(0).path("verbs"),
                    List.class), stored.toString());
            assertEquals(Map.of("team", "blue"), labels(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            admin.run("delete", "clusterrole", role);
        }
    }

    @Test
    void deleteRemovesSeveralRequestsInOneCommand() {
        List<String> names = List.of(Csrs.uniqueName("delete-a"), Csrs.uniqueName("delete-b"),
                Csrs.uniqueName("delete-c"));
        names.forEach(name -> admin.create(manifest(name).yaml()));

        Command.Result deleted = admin.run("delete", "csr", names.get(0), names.get(1), names.get(2))
                .requireSuccess("kubectl delete csr A B C");
        assertEquals(names.stream().map(name -> RESOURCE + " \"" + name + "\" deleted").toList(),
                deleted.stdout().lines().toList());
        names.forEach(name -> assertTrue(admin.find(name).isEmpty(), name + " is gone"));
    }

    private static Csrs.Manifest manifest(String name) {
        return Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES);
    }

    private static Map<String, String> labels(JsonNode object) {
        return JSON.convertValue(object.path("metadata").path("labels"), new TypeReference<Map<String, String>>() {
        });
    }

    private static JsonNode lastApplied(JsonNode csr) throws IOException {
        JsonNode annotation = csr.path("metadata").path("annotations").path(LAST_APPLIED);
        assertTrue(annotation.isTextual(), "annotation " + LAST_APPLIED + " on " + csr.path("metadata"));
        return JSON.readTree(annotation.asText());
    }
}
