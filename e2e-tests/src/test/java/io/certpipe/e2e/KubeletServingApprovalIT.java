package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.approval.ApprovalEngine;
import io.certpipe.common.approval.BuiltInApprovalPolicies;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;

/**
 * The built-in kubelet-serving policy, as a node's kubelet meets it: a serving certificate for the node's own names
 * and private addresses is approved and issued with no human; one that claims a name the node does not own is denied,
 * and the Denied condition names the policy and the broken constraint, as postfinance's kubelet-csr-approver would. A
 * server dry run says beforehand what the policies would decide.
 */
class KubeletServingApprovalIT {

    private static final List<String> SERVING_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH);

    @TempDir
    static Path work;

    private static Identities.Identity node;

    @BeforeAll
    static void bootstrapNode() {
        node = Identities.bootstrapNode(work);
    }

    @Test
    void servingRequestForTheNodesOwnNamesIsApprovedByPolicyAndIssued() throws Exception {
        String name = Csrs.uniqueName("n1-serving");
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, servingRequest(name, List.of("DNS:n1", "DNS:n1.nodes.internal",
                "IP:10.0.3.7")), SignerNames.KUBELET_SERVING, SERVING_USAGES).yaml());

        String certificatePem = Csrs.awaitCertificate(asNode, name);
        JsonNode approved = Csrs.condition(asNode.get(name), CsrCondition.APPROVED).orElseThrow();
        assertEquals(ApprovalEngine.AUTO_APPROVED, approved.path("reason").asText(), approved.toString());
        DecisionData decision = decisionOn(asNode.get(name));
        assertEquals(DecisionData.Verdict.APPROVE, decision.verdict());
        assertEquals(Actor.policy(BuiltInApprovalPolicies.KUBELET_SERVING), decision.actor(), decision.toString());

        Path certificate = Files.writeString(work.resolve(name + ".crt"), certificatePem);
        Command.Result verify = Openssl.verify(Stack.signerCa(SignerNames.KUBELET_SERVING), certificate);
        assertTrue(verify.succeeded(), "openssl verify against the kubelet serving CA: " + verify);
        String text = Openssl.text(certificate);
        assertTrue(text.contains("DNS:n1.nodes.internal") && text.contains("IP Address:10.0.3.7"), text);
    }

    @Test
    void servingRequestClaimingAForeignNameIsDeniedNamingTheBrokenConstraint() {
        String name = Csrs.uniqueName("n1-serving-foreign");
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, servingRequest(name, List.of("DNS:n1", "DNS:bank.example.com")),
                SignerNames.KUBELET_SERVING, SERVING_USAGES).yaml());

        JsonNode denied = Csrs.awaitCondition(asNode, name, CsrCondition.DENIED);
        assertEquals(ApprovalEngine.AUTO_DENIED, denied.path("reason").asText(), denied.toString());
        String message = denied.path("message").asText();
        assertTrue(message.contains(BuiltInApprovalPolicies.KUBELET_SERVING) && message.contains("dnsNames")
                && message.contains("bank.example.com"), "which policy, which constraint, which name: " + message);
        assertEquals("Denied", asNode.tableRow(name).cell("CONDITION"));
        assertEquals("", asNode.certificateField(name), "a denied request gets no certificate");
    }

    @Test
    void servingRequestWithAPublicAddressIsDenied() {
        String name = Csrs.uniqueName("n1-serving-public");
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, servingRequest(name, List.of("DNS:n1", "IP:8.8.8.8")),
                SignerNames.KUBELET_SERVING, SERVING_USAGES).yaml());

        JsonNode denied = Csrs.awaitCondition(asNode, name, CsrCondition.DENIED);
        String message = denied.path("message").asText();
        assertTrue(message.contains("ipAddresses") && message.contains("8.8.8.8"), message);
    }

    @Test
    void aServerDryRunSaysWhatThePoliciesWouldDecideAndStoresNothing() {
        String name = Csrs.uniqueName("n1-serving-dry");
        Kubectl asNode = node.kubectl();
        String foreign = Csrs.Manifest.of(name, servingRequest(name, List.of("DNS:n1", "DNS:bank.example.com")),
                SignerNames.KUBELET_SERVING, SERVING_USAGES).yaml();
        String own = Csrs.Manifest.of(name, servingRequest(name + "-own", List.of("DNS:n1")),
                SignerNames.KUBELET_SERVING, SERVING_USAGES).yaml();

        Command.Result denied = asNode.runWithInput(foreign, "create", "--dry-run=server", "-f", "-")
                .requireSuccess("kubectl create --dry-run=server");
        Command.Result approved = asNode.runWithInput(own, "create", "--dry-run=server", "-f", "-")
                .requireSuccess("kubectl create --dry-run=server");

        assertTrue(denied.stderr().contains("Warning: approval policies would deny it (AutoDenied)")
                && denied.stderr().contains("bank.example.com"), denied.stderr());
        assertTrue(approved.stderr().contains("Warning: approval policies would approve it (AutoApproved)")
                && approved.stderr().contains(BuiltInApprovalPolicies.KUBELET_SERVING), approved.stderr());
        assertTrue(Kubectl.admin().find(name).isEmpty(), "a dry run stores nothing");
    }

    private static String servingRequest(String name, List<String> alternativeNames) {
        Path key = Openssl.newKey(work.resolve(name + ".key"));
        return Openssl.newRequestWithAlternativeNames(key, Identities.NODE_SUBJECT, alternativeNames);
    }

    private static DecisionData decisionOn(JsonNode csr) {
        String uid = csr.path("metadata").path("uid").asText();
        return (DecisionData) KafkaTopics.awaitEvents(EventType.DECIDED, uid, 1).getFirst().data();
    }
}
