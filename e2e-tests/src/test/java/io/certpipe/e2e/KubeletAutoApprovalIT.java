package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;

/** Kubernetes' kubelet client-certificate auto-approval: a node renews its own client certificate unattended. */
class KubeletAutoApprovalIT {

    private static final String AUTO_APPROVED = "AutoApproved";
    /** The local stack's binding of Kubernetes' selfnodeclient role to every node (kubeadm's is alike). */
    private static final String AUTOAPPROVE_BINDING = "certpipe:node-autoapprove-certificate-rotation";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Identities.Identity node;

    @BeforeAll
    static void bootstrapNode() {
        node = Identities.bootstrapNode(work);
    }

    @Test
    void nodesOwnClientRequestIsAutoApprovedAndIssued() throws Exception {
        String name = Csrs.uniqueName("node-n1-client");
        Openssl.KeyAndRequest renewal = Openssl.newKeyAndRequest(work, name, Identities.NODE_SUBJECT);
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, renewal.requestPem(), SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                Csrs.KUBELET_CLIENT_USAGES).yaml());

        String certificatePem = Csrs.awaitCertificate(asNode, name);
        JsonNode csr = asNode.get(name);
        assertEquals(Identities.NODE, csr.path("spec").path("username").asText(), "the requestor is the node itself");
        JsonNode approved = Csrs.condition(csr, CsrCondition.APPROVED).orElseThrow(
                () -> new AssertionError("issued without an Approved condition: " + csr));
        assertEquals(AUTO_APPROVED, approved.path("reason").asText(), approved.toString());

        CloudEvent decision = onlyDecision(csr.path("metadata").path("uid").asText());
        DecisionData data = (DecisionData) decision.data();
        assertEquals(DecisionData.Verdict.APPROVE, data.verdict());
        assertEquals(AUTO_APPROVED, data.reason());
        assertEquals(Actor.Kind.policy, data.actor().kind(), "a policy approved it, not a person: " + data);

        Path certificate = Files.writeString(work.resolve(name + ".crt"), certificatePem);
        Command.Result verify = Openssl.verify(Stack.signerCa(SignerNames.KUBE_APISERVER_CLIENT_KUBELET),
                certificate);
        assertTrue(verify.succeeded(), "openssl verify against the kubelet client CA: " + verify);
        assertTrue(Openssl.text(certificate).contains("TLS Web Client Authentication"));
    }

    @Test
    void nodeRequestingAnotherNodesIdentityIsLeftForAHuman() {
        String name = Csrs.uniqueName("node-n1-asks-for-n2");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name,
                "/CN=system:node:n2/O=" + Identities.NODES_GROUP);
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                Csrs.KUBELET_CLIENT_USAGES).yaml());
        String uid = asNode.get(name).path("metadata").path("uid").asText();

        DecisionData decision = (DecisionData) onlyDecision(uid).data();
        assertEquals(DecisionData.Verdict.DEFER, decision.verdict(), "CN differs from the requestor: " + decision);
        KafkaTopics.awaitConsumed("intake-service", EventType.DECIDED.topic());
        assertEquals("Pending", asNode.tableRow(name).cell("CONDITION"));
        assertEquals("", asNode.certificateField(name));
    }

    @Test
    void aNodeWhoseRbacNoLongerGrantsSelfnodeclientIsLeftForAHuman() throws Exception {
        Kubectl admin = Kubectl.admin();
        ObjectNode binding = (ObjectNode) JSON.readTree(admin.run("get", "clusterrolebinding", AUTOAPPROVE_BINDING,
                "-o", "json").requireSuccess("the kubelet renewal binding").stdout());
        ((ObjectNode) binding.path("metadata")).remove(List.of("uid", "resourceVersion", "creationTimestamp"));
        admin.run("delete", "clusterrolebinding", AUTOAPPROVE_BINDING).requireSuccess("delete the binding");
        try {
            String name = Csrs.uniqueName("node-n1-unbound");
            Openssl.KeyAndRequest renewal = Openssl.newKeyAndRequest(work, name, Identities.NODE_SUBJECT);
            Kubectl asNode = node.kubectl();
            asNode.create(Csrs.Manifest.of(name, renewal.requestPem(), SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                    Csrs.KUBELET_CLIENT_USAGES).yaml());

            DecisionData decision = (DecisionData) onlyDecision(asNode.get(name).path("metadata").path("uid")
                    .asText()).data();
            assertEquals(DecisionData.Verdict.DEFER, decision.verdict(), decision.toString());
            assertTrue(decision.message().contains("selfnodeclient"),
                    "the access the cluster refused the node: " + decision.message());
            KafkaTopics.awaitConsumed("intake-service", EventType.DECIDED.topic());
            assertEquals("Pending", asNode.tableRow(name).cell("CONDITION"));
        } finally {
            admin.runWithInput(JSON.writeValueAsString(binding), "create", "-f", "-")
                    .requireSuccess("put the kubelet renewal binding back");
        }
    }

    /** approval-service's one decision on request {@code uid}. */
    private static CloudEvent onlyDecision(String uid) {
        List<CloudEvent> decisions = Poll.until("approval-service's decision on " + uid, () -> {
            List<CloudEvent> found = KafkaTopics.events(EventType.DECIDED, uid);
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        });
        assertEquals(1, decisions.size(), "one decision per request: " + decisions);
        return decisions.get(0);
    }
}
