package io.certpipe.approval.policy;

import static io.certpipe.approval.policy.TestRequests.pem;
import static io.certpipe.approval.policy.TestRequests.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;
import org.junit.jupiter.api.Test;

class PolicyChainTest {

    private static final String NODE = "system:node:n1";
    private static final List<String> CLIENT_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH);

    private final PolicyChain chain = new PolicyChain(List.of(new KubeletClientSelfApproval(),
            new SignerGroupRules(List.of(new SignerGroupRule(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                    "system:nodes")))));

    @Test
    void firstPolicyWithAVerdictDecides() {
        var decision = chain.decide(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                pem("O=system:nodes,CN=" + NODE), CLIENT_USAGES, NODE, List.of("system:nodes")));

        assertEquals(Actor.policy(KubeletClientSelfApproval.NAME), decision.actor());
    }

    @Test
    void laterPolicyDecidesWhenEarlierHasNoOpinion() {
        var decision = chain.decide(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                pem("O=system:nodes,CN=" + NODE), CLIENT_USAGES, "system:node:n2", List.of("system:nodes")));

        assertEquals(Verdict.APPROVE, decision.verdict());
        assertEquals(Actor.policy(SignerGroupRules.NAME), decision.actor());
    }

    @Test
    void policiesAreAskedInOrder() {
        ApprovalPolicy denyAll = new NamedVerdict("deny-all", Verdict.DENY);
        ApprovalPolicy approveAll = new NamedVerdict("approve-all", Verdict.APPROVE);
        var csr = snapshot(SignerNames.KUBE_APISERVER_CLIENT, pem("CN=alice"), CLIENT_USAGES, "alice", List.of());

        assertEquals("deny-all", new PolicyChain(List.of(denyAll, approveAll)).decide(csr).actor().username());
        assertEquals("approve-all", new PolicyChain(List.of(approveAll, denyAll)).decide(csr).actor().username());
    }

    @Test
    void defersWhenNoPolicyMatches() {
        var decision = chain.decide(snapshot(SignerNames.KUBE_APISERVER_CLIENT, pem("CN=alice"), CLIENT_USAGES,
                "alice", List.of("developers")));

        assertEquals(Verdict.DEFER, decision.verdict());
        assertEquals(PolicyChain.NO_POLICY_MATCHED, decision.reason());
        assertEquals(Actor.policy("none"), decision.actor());
    }

    @Test
    void defersUnparseableRequestEvenWhenARuleWouldApprove() {
        var decision = chain.decide(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", CLIENT_USAGES, NODE,
                List.of("system:nodes")));

        assertEquals(Verdict.DEFER, decision.verdict());
        assertEquals(PolicyChain.UNPARSEABLE_REQUEST, decision.reason());
        assertEquals(Actor.policy("none"), decision.actor());
    }

    @Test
    void defersANodesRequestWhoseSubjectAlsoNamesAnotherUser() {
        var decision = chain.decide(snapshot(SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                TestPki.fixture("two-common-names-node.csr"), CLIENT_USAGES, NODE, List.of("system:nodes")));

        assertEquals(Verdict.DEFER, decision.verdict(), decision.toString());
        assertEquals(PolicyChain.UNPARSEABLE_REQUEST, decision.reason());
        assertTrue(decision.message().contains("CN=alice"), decision.message());
    }

    private record NamedVerdict(String name, Verdict verdict) implements ApprovalPolicy {

        @Override
        public Optional<DecisionData> evaluate(CandidateRequest request) {
            return Optional.of(new DecisionData(Actor.policy(name), verdict, "Test", "test"));
        }
    }
}
