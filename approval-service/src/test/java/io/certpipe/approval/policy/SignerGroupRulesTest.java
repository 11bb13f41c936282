package io.certpipe.approval.policy;

import static io.certpipe.approval.policy.KubeletClientSelfApprovalTest.candidate;
import static io.certpipe.approval.policy.TestRequests.pem;
import static io.certpipe.approval.policy.TestRequests.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.DecisionData.Verdict;
import org.junit.jupiter.api.Test;

class SignerGroupRulesTest {

    private static final List<String> CLIENT_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH);
    private static final SignerGroupRules RULES = new SignerGroupRules(List.of(
            new SignerGroupRule("example.com/serving", "web-team"),
            new SignerGroupRule(SignerNames.KUBE_APISERVER_CLIENT, "developers")));

    @Test
    void approvesMemberOfTheRulesGroupForItsSigner() {
        var decision = RULES.evaluate(candidate(snapshot(SignerNames.KUBE_APISERVER_CLIENT, pem("CN=alice"),
                CLIENT_USAGES, "alice", List.of("system:authenticated", "developers")))).orElseThrow();

        assertEquals(Verdict.APPROVE, decision.verdict());
        assertEquals("AutoApproved", decision.reason());
        assertEquals(Actor.policy(SignerGroupRules.NAME), decision.actor());
        assertTrue(decision.message().contains("certpipe.approval.group-rules[1]"), decision.message());
        assertTrue(decision.message().contains("'developers'"), decision.message());
    }

    @Test
    void ignoresNonMember() {
        assertTrue(RULES.evaluate(candidate(snapshot(SignerNames.KUBE_APISERVER_CLIENT, pem("CN=bob"),
                CLIENT_USAGES, "bob", List.of("system:authenticated")))).isEmpty());
    }

    @Test
    void ignoresMemberAskingAnotherSigner() {
        assertTrue(RULES.evaluate(candidate(snapshot(SignerNames.KUBELET_SERVING, pem("CN=alice"),
                CLIENT_USAGES, "alice", List.of("developers")))).isEmpty());
    }

    @Test
    void hasNoOpinionWithoutRules() {
        assertTrue(new SignerGroupRules(List.of()).evaluate(candidate(snapshot(SignerNames.KUBE_APISERVER_CLIENT,
                pem("CN=alice"), CLIENT_USAGES, "alice", List.of("developers")))).isEmpty());
    }
}
