package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;

/**
 * {@code kubectl ... --dry-run=server} (the API's {@code dryRun=All}) on every write: kubectl prints what would have
 * happened and the API answers the object as it would be stored, but nothing is: the requests and RBAC objects, their
 * resourceVersions, what watches see, the request history and the lifecycle topic stay exactly as they were. Any
 * other dryRun value is refused before anything happens.
 */
class ServerDryRunIT {

    private static final String DRY_RUN = "--dry-run=server";
    private static final String SERVER_DRY_RUN = " (server dry run)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static String requestPem;
    private final Kubectl admin = Kubectl.admin();

    @BeforeAll
    static void makeARequest() {
        requestPem = Openssl.newKeyAndRequest(work, "dry-runner", "/CN=dora/O=dev-team").requestPem();
    }

    @Test
    void createDryRunsAnswerTheRequestTheyWouldStoreAndStoreNothing() {
        String name = Csrs.uniqueName("dry-create");
        long before = collectionResourceVersion();

        Command.Result created = admin.runWithInput(manifest(name).yaml(), "create", DRY_RUN, "-f", "-")
                .requireSuccess("kubectl create --dry-run=server");
        JsonNode shown = parse(admin.runWithInput(manifest(name).yaml(), "create", DRY_RUN, "-o", "json", "-f", "-")
                .requireSuccess("kubectl create --dry-run=server -o json").stdout());
        Command.Result applied = admin.runWithInput(manifest(name).yaml(), "apply", DRY_RUN, "-f", "-")
                .requireSuccess("kubectl apply --dry-run=server");
        Command.Result serverSideApplied = admin.runWithInput(manifest(name).yaml(), "apply", "--server-side",
                DRY_RUN, "-f", "-").requireSuccess("kubectl apply --server-side --dry-run=server");

        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " created" + SERVER_DRY_RUN, created.stdout().trim());
        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " created" + SERVER_DRY_RUN, applied.stdout().trim());
        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " serverside-applied" + SERVER_DRY_RUN,
                serverSideApplied.stdout().trim());
        JsonNode metadata = shown.path("metadata");
        assertFalse(metadata.path("uid").asText().isEmpty(), "the uid the request would get: " + shown);
        assertFalse(metadata.path("creationTimestamp").asText().isEmpty(), shown.toString());
        assertTrue(metadata.path("resourceVersion").isMissingNode(), "no revision is assigned: " + shown);
        assertEquals("certpipe-admin", shown.path("spec").path("username").asText(), "the requestor: " + shown);
        assertTrue(admin.find(name).isEmpty(), name + " was not stored");
        assertEquals(List.of(), watchFrom(before, name), "watches saw nothing");
        assertEquals(List.of(), events(name), "no history");
        LifecycleTopic.assertNothingPublishedAbout(name);
    }

    @Test
    void deleteDryRunLeavesTheRequestAsItWas() {
        String name = Csrs.uniqueName("dry-delete");
        admin.create(manifest(name).yaml());
        JsonNode before = admin.get(name);

        Command.Result deleted = admin.run("delete", "csr", name, DRY_RUN)
                .requireSuccess("kubectl delete --dry-run=server");

        assertEquals(KubectlWriteIT.RESOURCE + " \"" + name + "\" deleted" + SERVER_DRY_RUN, deleted.stdout().trim());
        assertLeftAsItWas(before);
    }

    @Test
    void metadataUpdateDryRunsAnswerTheChangeAndChangeNothing() {
        String name = Csrs.uniqueName("dry-update");
        admin.create(manifest(name).yaml());
        JsonNode before = admin.get(name);
        String blue = manifest(name).withLabels(Map.of("team", "blue")).yaml();

        Command.Result labelled = admin.run("label", "csr", name, "team=blue", DRY_RUN)
                .requireSuccess("kubectl label --dry-run=server");
        Command.Result applied = admin.runWithInput(blue, "apply", DRY_RUN, "-f", "-")
                .requireSuccess("kubectl apply --dry-run=server (existing)");
        Command.Result serverSideApplied = admin.runWithInput(blue, "apply", "--server-side", DRY_RUN, "-f", "-")
                .requireSuccess("kubectl apply --server-side --dry-run=server (existing)");
        JsonNode replaced = parse(admin.runWithInput(blue, "replace", DRY_RUN, "-o", "json", "-f", "-")
                .requireSuccess("kubectl replace --dry-run=server").stdout());

        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " labeled" + SERVER_DRY_RUN, labelled.stdout().trim());
        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " configured" + SERVER_DRY_RUN, applied.stdout().trim());
        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " serverside-applied" + SERVER_DRY_RUN,
                serverSideApplied.stdout().trim());
        assertEquals("blue", replaced.path("metadata").path("labels").path("team").asText(), replaced.toString());
        assertEquals(resourceVersion(before), resourceVersion(replaced), "the revision it has: " + replaced);
        assertLeftAsItWas(before);
    }

    @Test
    void approvalAndStatusDryRunsAnswerTheNewConditionAndDecideNothing() {
        String name = Csrs.uniqueName("dry-approve");
        admin.create(manifest(name).yaml());
        JsonNode before = admin.get(name);
        ApiClient api = ApiClient.admin();

        ApiClient.Response approved = api.callCsrs("PUT", "/" + name + "/approval?dryRun=All",
                withCondition(before, CsrCondition.APPROVED, "KubectlApprove", KubectlApprovalIT.APPROVE_MESSAGE));
        ApiClient.Response failed = api.callCsrs("PUT", "/" + name + "/status?dryRun=All",
                withCondition(before, CsrCondition.FAILED, "SignerOffline", "the external signer is down"));

        assertEquals(200, approved.code(), approved.body().toString());
        assertTrue(Csrs.condition(approved.body(), CsrCondition.APPROVED).isPresent(), approved.body().toString());
        assertEquals(200, failed.code(), failed.body().toString());
        assertTrue(Csrs.condition(failed.body(), CsrCondition.FAILED).isPresent(), failed.body().toString());
        assertLeftAsItWas(before);
    }

    @Test
    void anUnsupportedDryRunValueIsRefusedAndNothingIsDone() {
        String name = Csrs.uniqueName("dry-unsupported");
        ApiClient api = ApiClient.admin();

        ApiClient.Response create = api.callCsrs("POST", "?dryRun=Some", manifest(name).json().toString());

        assertEquals(422, create.code(), create.body().toString());
        assertEquals("Invalid", create.reason());
        assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Some\"}: "
                + "supported values: \"All\"", create.body().path("message").asText());
        assertTrue(admin.find(name).isEmpty(), name + " was not created");

        admin.create(manifest(name).yaml());
        JsonNode before = admin.get(name);
        ApiClient.Response delete = api.callCsrs("DELETE", "/" + name, "{\"dryRun\":[\"Client\"]}");

        assertEquals(422, delete.code(), delete.body().toString());
        assertEquals("DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Client\"}: "
                + "supported values: \"All\"", delete.body().path("message").asText());
        assertLeftAsItWas(before);
    }

    @Test
    void rbacDryRunsStoreNothing() {
        String role = Csrs.uniqueName("dry-role");
        String binding = Csrs.uniqueName("dry-binding");

        Command.Result roleCreated = admin.run("create", "clusterrole", role, "--verb=get",
                "--resource=certificatesigningrequests", DRY_RUN).requireSuccess("kubectl create clusterrole (dry)");
        Command.Result bindingCreated = admin.run("create", "clusterrolebinding", binding, "--clusterrole=" + role,
                "--user=dora", DRY_RUN).requireSuccess("kubectl create clusterrolebinding (dry run)");

        assertEquals("clusterrole.rbac.authorization.k8s.io/" + role + " created" + SERVER_DRY_RUN,
                roleCreated.stdout().trim());
        assertEquals("clusterrolebinding.rbac.authorization.k8s.io/" + binding + " created" + SERVER_DRY_RUN,
                bindingCreated.stdout().trim());
        assertTrue(admin.run("get", "clusterrole", role).stderr().contains("NotFound"), role + " was not stored");
        assertTrue(admin.run("get", "clusterrolebinding", binding).stderr().contains("NotFound"),
                binding + " was not stored");

        admin.run("create", "clusterrole", role, "--verb=get", "--resource=certificatesigningrequests")
                .requireSuccess("kubectl create clusterrole");
        JsonNode before = clusterRole(role);
        admin.run("label", "clusterrole", role, "team=blue", DRY_RUN).requireSuccess("kubectl label --dry-run=server");
        Command.Result deleted = admin.run("delete", "clusterrole", role, DRY_RUN)
                .requireSuccess("kubectl delete clusterrole --dry-run=server");

        assertEquals("clusterrole.rbac.authorization.k8s.io \"" + role + "\" deleted" + SERVER_DRY_RUN,
                deleted.stdout().trim());
        assertEquals(before, clusterRole(role), "the role is as it was, resourceVersion included");
        admin.run("delete", "clusterrole", role).requireSuccess("kubectl delete clusterrole");
    }

    /**
     * The request is stored as it was (same uid, resourceVersion, labels and status); watches from its revision see no
     * change of it; its history is its creation alone (beside approval-service's note of why no policy decided it,
     * which comes when it comes and changes nothing); the lifecycle topic has only its created event.
     */
    private void assertLeftAsItWas(JsonNode before) {
        String name = before.path("metadata").path("name").asText();
        JsonNode now = admin.get(name);
        assertEquals(before.path("metadata"), now.path("metadata"), "metadata and resourceVersion unchanged");
        assertEquals(before.path("status"), now.path("status"), "status unchanged");
        assertEquals(List.of(), watchFrom(resourceVersion(before), name), "watches saw no change of " + name);
        assertEquals(List.of("Created"), changeReasons(name), "the history of " + name);
        LifecycleTopic.awaitEarlierPublications();
        assertEquals(List.of(EventType.CREATED), LifecycleTopic.eventsAbout(name).stream().map(CloudEvent::eventType)
                .toList(), "published about " + name);
    }

    private Csrs.Manifest manifest(String name) {
        return Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES);
    }

    /** {@code csr} as the API returned it, with one more condition: the body of an approval or status update. */
    private static String withCondition(JsonNode csr, String type, String reason, String message) {
        ObjectNode copy = csr.deepCopy();
        ObjectNode status = copy.has("status") ? (ObjectNode) copy.get("status") : copy.putObject("status");
        ArrayNode conditions = status.has("conditions") ? (ArrayNode) status.get("conditions")
                : status.putArray("conditions");
        conditions.addObject().put("type", type).put("status", "True").put("reason", reason).put("message", message)
                .put("lastUpdateTime", Instant.now().toString());
        return copy.toString();
    }

    /** The changes of {@code name} a watch from {@code revision} gets before it times out. */
    private List<JsonNode> watchFrom(long revision, String name) {
        String stream = admin.run("get", "--raw", rawPath("watch=true&timeoutSeconds=1&resourceVersion=" + revision
                + "&fieldSelector=" + URLEncoder.encode("metadata.name=" + name, StandardCharsets.UTF_8)))
                .requireSuccess("kubectl get --raw (watch)").stdout();
        return stream.lines().filter(line -> !line.isBlank()).map(ServerDryRunIT::parse).toList();
    }

    /** The collection's resourceVersion: the cluster's latest revision (0, "from now", on a fresh stack). */
    private long collectionResourceVersion() {
        String list = admin.run("get", "--raw", rawPath("limit=1")).requireSuccess("kubectl get --raw").stdout();
        return Long.parseLong(parse(list).path("metadata").path("resourceVersion").asText());
    }

    /** The reasons of the Events {@code kubectl describe csr NAME} lists, oldest first. */
    /** The reasons of the request's Events that report a change of it: all but approval-service's deferral notes. */
    private List<String> changeReasons(String name) {
        return events(name).stream()
                .filter(event -> !event.path("source").path("component").asText().equals(Topics.APPROVAL_SERVICE))
                .map(event -> event.path("reason").asText()).toList();
    }

    private List<JsonNode> events(String name) {
        JsonNode events = parse(admin.run("get", "events", "-A", "--field-selector", "involvedObject.name=" + name,
                "-o", "json").requireSuccess("kubectl get events").stdout());
        return StreamSupport.stream(events.path("items").spliterator(), false).toList();
    }

    private JsonNode clusterRole(String name) {
        return parse(admin.run("get", "clusterrole", name, "-o", "json").requireSuccess("kubectl get clusterrole")
                .stdout());
    }

    private static long resourceVersion(JsonNode object) {
        return Long.parseLong(object.path("metadata").path("resourceVersion").asText());
    }

    /** {@code --raw} takes a path from the host on: the kubeconfig's {@code /clusters/<cluster>} is not added. */
    private static String rawPath(String query) {
        return URI.create(Stack.apiServer()).getPath() + ApiClient.CSRS + "?" + query;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not one JSON document: " + json, e);
        }
    }
}
