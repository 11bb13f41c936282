package io.certpipe.approval.policy;

import static io.certpipe.approval.policy.TestRequests.pem;
import static io.certpipe.approval.policy.TestRequests.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.DecisionData.Verdict;
import org.junit.jupiter.api.Test;

class KubeletClientSelfApprovalTest {

    private static final String NODE = "system:node:n1";
    private static final String NODE_SUBJECT = "O=system:nodes,CN=" + NODE;
    private static final List<String> KUBELET_CLIENT_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE,
            KeyUsages.CLIENT_AUTH);
    private static final List<String> NODES = List.of("system:nodes", "system:authenticated");

    private final KubeletClientSelfApproval policy = new KubeletClientSelfApproval();

    @Test
    void approvesSelfNodeClientCertificate() {
        var decision = policy.evaluate(candidate(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                pem(NODE_SUBJECT), KUBELET_CLIENT_USAGES, NODE, NODES))).orElseThrow();

        assertEquals(Verdict.APPROVE, decision.verdict());
        assertEquals("AutoApproved", decision.reason());
        assertEquals("Auto approving self kubelet client certificate after SubjectAccessReview.", decision.message());
        assertEquals(Actor.policy(KubeletClientSelfApproval.NAME), decision.actor());
    }

    @Test
    void approvesWithOptionalKeyEncipherment() {
        var usages = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.CLIENT_AUTH);

        assertTrue(policy.evaluate(candidate(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem(NODE_SUBJECT),
                usages, NODE, NODES))).isPresent());
    }

    @Test
    void refusesRequestForAnotherNode() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem(NODE_SUBJECT), KUBELET_CLIENT_USAGES,
                "system:node:n2", NODES));
    }

    @Test
    void refusesRequestFromAnAdminForANode() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem(NODE_SUBJECT), KUBELET_CLIENT_USAGES,
                "certpipe-admin", List.of("system:masters")));
    }

    @Test
    void refusesExtraOrganization() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                pem("O=system:nodes,O=system:masters,CN=" + NODE), KUBELET_CLIENT_USAGES, NODE, NODES));
    }

    @Test
    void refusesMissingOrganization() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem("CN=" + NODE),
                KUBELET_CLIENT_USAGES, NODE, NODES));
    }

    @Test
    void refusesCommonNameOutsideTheNodeNamespace() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem("O=system:nodes,CN=n1"),
                KUBELET_CLIENT_USAGES, "n1", NODES));
    }

    @Test
    void refusesSubjectAlternativeName() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem(NODE_SUBJECT, "n1.example.com"),
                KUBELET_CLIENT_USAGES, NODE, NODES));
    }

    @Test
    void refusesServerAuthUsage() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem(NODE_SUBJECT),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH, KeyUsages.SERVER_AUTH), NODE, NODES));
    }

    @Test
    void refusesMissingClientAuthUsage() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, pem(NODE_SUBJECT),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), NODE, NODES));
    }

    @Test
    void refusesOtherSigner() {
        assertNoOpinion(snapshot(SignerNames.KUBE_APISERVER_CLIENT, pem(NODE_SUBJECT), KUBELET_CLIENT_USAGES, NODE,
                NODES));
        assertNoOpinion(snapshot(SignerNames.KUBELET_SERVING, pem(NODE_SUBJECT), KUBELET_CLIENT_USAGES, NODE, NODES));
    }

    private void assertNoOpinion(CsrSnapshot csr) {
        assertTrue(policy.evaluate(candidate(csr)).isEmpty(), "the kubelet policy must not approve this request");
    }

    static CandidateRequest candidate(CsrSnapshot csr) {
        return new CandidateRequest(csr, CertificationRequests.parsePem(csr.request()));
    }
}
