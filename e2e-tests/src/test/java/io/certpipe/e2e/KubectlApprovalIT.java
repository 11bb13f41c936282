package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;

/**
 * Deciding requests: {@code kubectl certificate approve|deny} with several names and {@code --force}, the rule that
 * Approved and Denied exclude each other, and {@code ./certpipe approve|deny} with the reason and message kubectl
 * 1.32 cannot send.
 */
class KubectlApprovalIT {

    static final String APPROVE_MESSAGE = "This CSR was approved by kubectl certificate approve.";
    static final String DENY_MESSAGE = "This CSR was denied by kubectl certificate deny.";
    private static final String MUTUALLY_EXCLUSIVE = "Approved and Denied conditions are mutually exclusive";

    @TempDir
    static Path work;

    private static String requestPem;
    private final Kubectl admin = Kubectl.admin();

    @BeforeAll
    static void makeARequest() {
        requestPem = Openssl.newKeyAndRequest(work, "approval", "/CN=april/O=dev-team").requestPem();
    }

    @Test
    void approveAndDenySeveralRequestsInOneCommand() {
        List<String> names = List.of(Csrs.uniqueName("approve-a"), Csrs.uniqueName("approve-b"),
                Csrs.uniqueName("deny-c"), Csrs.uniqueName("deny-d"));
        names.forEach(this::create);

        Command.Result approved = admin.run("certificate", "approve", names.get(0), names.get(1))
                .requireSuccess("kubectl certificate approve A B");
        assertEquals(List.of(KubectlWriteIT.RESOURCE + "/" + names.get(0) + " approved",
                KubectlWriteIT.RESOURCE + "/" + names.get(1) + " approved"), approved.stdout().lines().toList());
        Command.Result denied = admin.run("certificate", "deny", names.get(2), names.get(3))
                .requireSuccess("kubectl certificate deny C D");
        assertEquals(List.of(KubectlWriteIT.RESOURCE + "/" + names.get(2) + " denied",
                KubectlWriteIT.RESOURCE + "/" + names.get(3) + " denied"), denied.stdout().lines().toList());

        for (String name : names.subList(0, 2)) {
            assertDecision(admin.get(name), CsrCondition.APPROVED, "KubectlApprove", APPROVE_MESSAGE);
        }
        for (String name : names.subList(2, 4)) {
            assertDecision(admin.get(name), CsrCondition.DENIED, "KubectlDeny", DENY_MESSAGE);
        }
    }

    @Test
    void deniedRequestCannotBeApproved() {
        String name = Csrs.uniqueName("denied-then-approved");
        create(name);
        admin.deny(name);

        Command.Result byKubectl = admin.run("certificate", "approve", name);
        assertFalse(byKubectl.succeeded(), "kubectl refuses by itself: " + byKubectl);
        assertEquals("error: certificate signing request \"" + name + "\" is already Denied",
                byKubectl.stderr().trim());

        assertMutuallyExclusive(addCondition(name, CsrCondition.APPROVED, "KubectlApprove", APPROVE_MESSAGE));

        Command.Result byScript = Stack.runCertpipe("approve", name, "--reason", "ChangeTicket", "--message",
                "Approved under change CHG-4712.");
        assertFalse(byScript.succeeded(), "./certpipe approve goes through the same API: " + byScript);
        assertTrue((byScript.stdout() + byScript.stderr()).contains(MUTUALLY_EXCLUSIVE), byScript.toString());

        assertEquals("[Denied]", Csrs.conditionTypes(admin.get(name)));
    }

    @Test
    void approvedRequestCannotBeDenied() {
        String name = Csrs.uniqueName("approved-then-denied");
        create(name);
        admin.approve(name);
        // Issuance changes the request (and its resourceVersion) once more; deny only what will not change again.
        Csrs.awaitCertificate(admin, name);

        Command.Result byKubectl = admin.run("certificate", "deny", name);
        assertFalse(byKubectl.succeeded(), "kubectl refuses by itself: " + byKubectl);
        assertEquals("error: certificate signing request \"" + name + "\" is already Approved",
                byKubectl.stderr().trim());

        assertMutuallyExclusive(addCondition(name, CsrCondition.DENIED, "KubectlDeny", DENY_MESSAGE));

        Command.Result byScript = Stack.runCertpipe("deny", name, "--reason", "ChangeTicket", "--message",
                "Denied under change CHG-4713.");
        assertFalse(byScript.succeeded(), "./certpipe deny goes through the same API: " + byScript);
        assertTrue((byScript.stdout() + byScript.stderr()).contains(MUTUALLY_EXCLUSIVE), byScript.toString());

        assertFalse(Csrs.condition(admin.get(name), CsrCondition.DENIED).isPresent(), "still not denied");
    }

    @Test
    void forceOnAnApprovedRequestChangesNothing() {
        String name = Csrs.uniqueName("approved-twice");
        create(name);
        admin.approve(name);
        String certificate = Csrs.awaitCertificate(admin, name);
        KafkaTopics.awaitConsumed("intake-service", EventType.SIGNED.topic());
        JsonNode before = admin.get(name);

        Command.Result forced = admin.run("certificate", "approve", "--force", name)
                .requireSuccess("kubectl certificate approve --force");
        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " approved", forced.stdout().trim());

        JsonNode after = admin.get(name);
        assertEquals(before.path("status"), after.path("status"), "the same condition and certificate");
        assertEquals(certificate, Csrs.awaitCertificate(admin, name));
        assertEquals(before.path("metadata").path("resourceVersion"), after.path("metadata").path("resourceVersion"),
                "an update that changes nothing is not a new revision");
        LifecycleTopic.awaitEarlierPublications();
        assertEquals(1, KafkaTopics.events(EventType.APPROVED, after.path("metadata").path("uid").asText()).size(),
                "approved once");
    }

    @Test
    void certpipeDenyKeepsTheReasonAndMessage() {
        String name = Csrs.uniqueName("denied-with-reason");
        create(name);
        String reason = "KeyTooWeak";
        String message = "Signing keys for production need P-384.";

        Stack.certpipe("deny", name, "--reason", reason, "--message", message);

        assertDecision(admin.get(name), CsrCondition.DENIED, reason, message);
        assertShownInWideAndDescribe(name, reason, message);
    }

    @Test
    void certpipeApproveKeepsTheReasonAndMessage() {
        String name = Csrs.uniqueName("approved-with-reason");
        create(name);
        String reason = "ChangeTicket";
        String message = "Approved under change CHG-4711.";

        Stack.certpipe("approve", name, "--reason", reason, "--message", message);

        assertDecision(admin.get(name), CsrCondition.APPROVED, reason, message);
        Csrs.awaitCertificate(admin, name);
        assertShownInWideAndDescribe(name, reason, message);
    }

    private void create(String name) {
        admin.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .yaml());
    }

    /** The request as the API holds it, with one more condition, sent as an approval update. */
    private static ApiClient.Response addCondition(String name, String type, String reason, String message) {
        ApiClient api = ApiClient.admin();
        ApiClient.Response current = api.get(name);
        assertEquals(200, current.code(), current.body().toString());
        ObjectNode csr = (ObjectNode) current.body();
        ObjectNode status = csr.has("status") ? (ObjectNode) csr.get("status") : csr.putObject("status");
        ArrayNode conditions = status.has("conditions") ? (ArrayNode) status.get("conditions")
                : status.putArray("conditions");
        conditions.addObject().put("type", type).put("status", "True").put("reason", reason).put("message", message)
                .put("lastUpdateTime", Instant.now().toString());
        return api.updateApproval(name, csr.toString());
    }

    private static void assertMutuallyExclusive(ApiClient.Response response) {
        JsonNode status = response.body();
        assertEquals(422, response.code(), status.toString());
        assertEquals("Invalid", response.reason(), status.toString());
        assertTrue(status.path("message").asText().contains(MUTUALLY_EXCLUSIVE), status.toString());
        boolean causeOnConditions = false;
        for (JsonNode cause : status.path("details").path("causes")) {
            causeOnConditions |= cause.path("field").asText().startsWith("status.conditions")
                    && cause.path("message").asText().contains(MUTUALLY_EXCLUSIVE);
        }
        assertTrue(causeOnConditions, "a field cause on status.conditions: " + status);
    }

    private static void assertDecision(JsonNode csr, String type, String reason, String message) {
        JsonNode condition = Csrs.condition(csr, type).orElseThrow(
                () -> new AssertionError("no " + type + " condition: " + csr));
        assertEquals("True", condition.path("status").asText(), condition.toString());
        assertEquals(reason, condition.path("reason").asText(), condition.toString());
        assertEquals(message, condition.path("message").asText(), condition.toString());
        assertFalse(condition.path("lastTransitionTime").asText().isBlank(), "set by the server: " + condition);
        String other = type.equals(CsrCondition.APPROVED) ? CsrCondition.DENIED : CsrCondition.APPROVED;
        assertFalse(Csrs.condition(csr, other).isPresent(), "never both: " + csr);
    }

    private void assertShownInWideAndDescribe(String name, String reason, String message) {
        String wideRow = String.join(" ", admin.table(name, "-o", "wide").row(name).values());
        assertTrue(wideRow.contains(reason) && wideRow.contains(message), "-o wide shows them: " + wideRow);
        String description = admin.run("describe", "csr", name).requireSuccess("kubectl describe csr").stdout();
        assertTrue(description.contains(message), "describe shows the message:\n" + description);
    }
}
