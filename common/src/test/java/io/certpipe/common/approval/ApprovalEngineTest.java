package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;

/** How the verdicts of several policies make one decision, on the serving request of node n1 for the name n1. */
class ApprovalEngineTest {

    private static final TestRequest N1 = TestRequest.of(TestPki.csr("O=system:nodes,CN=system:node:n1").dns("n1")
            .pem());
    private static final String NO_DNS_NAMES = "'dnsNames': {'allowed': []}";
    private static final String NO_DNS_NAME_N1 = "spec.constraints.dnsNames.allowed: "
            + "DNS name \"n1\" is not permitted (this policy permits none)";
    private static final String SELF_NODE_CLIENT = "'requesterAccess': [{'verb': 'create', "
            + "'group': 'certificates.k8s.io', 'resource': 'certificatesigningrequests', "
            + "'subresource': 'selfnodeclient'}]";
    private static final String LEFT_FOR_A_HUMAN = "No approval policy permitted the request; "
            + "left for a human (kubectl certificate approve|deny). ";

    @Test
    void approvesWhenAPolicyPermitsThoughAnotherDenies() {
        DecisionData decision = decide(N1, denying("a-deny"), permitting("b-permit"));

        assertEquals(new DecisionData(Actor.policy("b-permit"), Verdict.APPROVE, ApprovalEngine.AUTO_APPROVED,
                "Approved by policy b-permit, which checked usages."), decision);
    }

    @Test
    void theFirstPermittingPolicyByNameApprovesWhateverOrderThePoliciesCameIn() {
        ApprovalOutcome outcome = new ApprovalEngine(List.of(permitting("zeta"), permitting("alpha")))
                .decide(N1.csr(), AccessAnswers.NONE);

        assertEquals(Actor.policy("alpha"), outcome.decision().actor());
        assertEquals(List.of("alpha", "zeta"), outcome.evaluations().stream().map(PolicyEvaluation::policy).toList());
    }

    @Test
    void deniesWhenAViolatedPolicySaysDenyAndNonePermits() {
        DecisionData decision = decide(N1, ignoring("a-ignore"), denying("b-deny"));

        assertEquals(new DecisionData(Actor.policy("b-deny"), Verdict.DENY, ApprovalEngine.AUTO_DENIED,
                "Denied by policy b-deny: " + NO_DNS_NAME_N1 + "."), decision);
    }

    @Test
    void aDenialNamesEveryDenyingPolicyAndEachBrokenConstraint() {
        ApprovalPolicy strict = TestPolicies.policy("strict", "{'constraints': {" + NO_DNS_NAMES
                + ", 'usages': {'required': ['client auth']}}, 'onViolation': 'Deny'}");

        DecisionData decision = decide(N1, strict, denying("lenient"));

        assertEquals(Actor.policy("lenient"), decision.actor());
        assertEquals("Denied by policy lenient: " + NO_DNS_NAME_N1 + ". Denied by policy strict: " + NO_DNS_NAME_N1
                + "; spec.constraints.usages.required: usage \"client auth\" is required.", decision.message());
    }

    @Test
    void defersWhenNoPolicySelectsTheRequest() {
        ApprovalPolicy otherSigner = TestPolicies.policy("other", "{'selector': {'signerNames': ['example.com/*']}}");

        assertEquals(new DecisionData(Actor.policy(ApprovalEngine.NO_POLICY), Verdict.DEFER,
                ApprovalEngine.NO_POLICY_MATCHED, "No approval policy selects the request (signer "
                        + "kubernetes.io/kubelet-serving, requester system:node:n1); left for a human "
                        + "(kubectl certificate approve|deny)."), decide(N1, otherSigner));
        assertEquals(ApprovalEngine.NO_POLICY_MATCHED, decide(N1).reason());
    }

    @Test
    void defersWhenTheSelectingPoliciesOnlyIgnoreTheirViolations() {
        ApprovalPolicy otherSigner = TestPolicies.policy("other", "{'selector': {'signerNames': ['example.com/*']}}");

        assertEquals(new DecisionData(Actor.policy(ApprovalEngine.NO_POLICY), Verdict.DEFER,
                ApprovalEngine.NO_POLICY_PERMITTED, LEFT_FOR_A_HUMAN + "Policy a-ignore (onViolation Ignore) does "
                        + "not permit the request: " + NO_DNS_NAME_N1 + "."), decide(N1, ignoring("a-ignore"),
                otherSigner));
    }

    @Test
    void defersAsNotEvaluableWhenAnAccessAnswerIsMissing() {
        ApprovalPolicy selfNodeClient = TestPolicies.policy("self", "{'constraints': {" + SELF_NODE_CLIENT + "}}");

        DecisionData decision = decide(N1, ignoring("a-ignore"), selfNodeClient);

        assertEquals(ApprovalEngine.POLICY_NOT_EVALUABLE, decision.reason());
        assertEquals(LEFT_FOR_A_HUMAN + "Policy a-ignore (onViolation Ignore) does not permit the request: "
                + NO_DNS_NAME_N1 + ". Policy self could not be evaluated: no answer whether the requester "
                + "\"system:node:n1\" may create certificatesigningrequests/selfnodeclient in certificates.k8s.io.",
                decision.message());
    }

    @Test
    void permitsWhenTheClusterAllowsTheRequesterAccess() {
        ApprovalPolicy selfNodeClient = TestPolicies.policy("self", "{'constraints': {" + SELF_NODE_CLIENT + "}}");
        ApprovalEngine engine = new ApprovalEngine(List.of(selfNodeClient));
        AccessCheck check = engine.accessChecks(N1.csr()).iterator().next();

        DecisionData decision = engine.decide(N1.csr(), AccessAnswers.of(Map.of(check, true))).decision();

        assertEquals(Verdict.APPROVE, decision.verdict());
        assertEquals("Approved by policy self, which checked requesterAccess.", decision.message());
    }

    @Test
    void accessTheClusterRefusesIsABrokenConstraint() {
        ApprovalPolicy selfNodeClient = TestPolicies.policy("self", "{'constraints': {" + SELF_NODE_CLIENT
                + "}, 'onViolation': 'Deny'}");
        ApprovalEngine engine = new ApprovalEngine(List.of(selfNodeClient));
        AccessCheck check = engine.accessChecks(N1.csr()).iterator().next();

        DecisionData decision = engine.decide(N1.csr(), AccessAnswers.of(Map.of(check, false))).decision();

        assertEquals("Denied by policy self: spec.constraints.requesterAccess[0]: the requester "
                + "\"system:node:n1\" may not create certificatesigningrequests/selfnodeclient in certificates.k8s.io.",
                decision.message());
    }

    @Test
    void aPolicyWhoseOtherConstraintsBreakIsViolatedWithoutWaitingForItsAccessAnswer() {
        ApprovalPolicy selfNodeClient = TestPolicies.policy("self", "{'constraints': {" + NO_DNS_NAMES + ", "
                + SELF_NODE_CLIENT + "}, 'onViolation': 'Deny'}");

        assertEquals(Verdict.DENY, decide(N1, selfNodeClient).verdict());
    }

    @Test
    void aPersonDecidesRatherThanADenyWhenAnotherPolicyCouldNotBeEvaluated() {
        ApprovalPolicy selfNodeClient = TestPolicies.policy("self", "{'constraints': {" + SELF_NODE_CLIENT + "}}");

        DecisionData decision = decide(N1, denying("b-deny"), selfNodeClient);

        assertEquals(Verdict.DEFER, decision.verdict());
        assertEquals(ApprovalEngine.POLICY_NOT_EVALUABLE, decision.reason());
        assertTrue(decision.message().contains("b-deny") && decision.message().contains("self"), decision.message());
    }

    @Test
    void anInvalidPolicyJudgesNothingItSelects() {
        ApprovalPolicy invalid = TestPolicies.policy("invalid", "{'onViolation': 'deny'}");

        ApprovalOutcome outcome = new ApprovalEngine(List.of(invalid)).decide(N1.csr(), AccessAnswers.NONE);

        assertEquals(ApprovalEngine.POLICY_NOT_EVALUABLE, outcome.decision().reason());
        assertEquals(List.of(new PolicyEvaluation.Unevaluable("invalid",
                "the policy is invalid: spec.onViolation: \"deny\" is not one of Deny, Ignore")),
                outcome.evaluations());
    }

    @Test
    void aRequestAPolicyCannotJudgeIsLeftToAPersonNotAFailure() {
        ApprovalPolicy dnsNames = TestPolicies.policy("names", "{'constraints': {" + NO_DNS_NAMES + "}}");
        CandidateRequest withoutNames = new CandidateRequest(N1.csr(), new ParsedRequest(null, null, null, null,
                null, null, null));

        PolicyEvaluation evaluation = dnsNames.evaluate(withoutNames, AccessAnswers.NONE);

        assertTrue(evaluation instanceof PolicyEvaluation.Unevaluable unevaluable
                && unevaluable.reason().startsWith("the request could not be judged"), evaluation.toString());
    }

    @Test
    void defersARequestThatCannotBeParsed() {
        TestRequest twoUsers = TestRequest.of(TestPki.fixture("two-common-names-node.csr"));
        ApprovalPolicy otherSigner = TestPolicies.policy("other", "{'selector': {'signerNames': ['example.com/*']}}");

        ApprovalOutcome outcome = new ApprovalEngine(List.of(permitting("all"), otherSigner))
                .decide(twoUsers.csr(), AccessAnswers.NONE);

        assertEquals(Verdict.DEFER, outcome.decision().verdict());
        assertEquals(ApprovalEngine.UNPARSEABLE_REQUEST, outcome.decision().reason());
        assertEquals(Actor.policy(ApprovalEngine.NO_POLICY), outcome.decision().actor());
        assertTrue(outcome.evaluations().getFirst() instanceof PolicyEvaluation.Unevaluable unevaluable
                && unevaluable.reason().startsWith("the request could not be parsed (the subject names 2 common names"),
                outcome.evaluations().toString());
        assertEquals(new PolicyEvaluation.NotSelected("other"), outcome.evaluations().get(1));
    }

    @Test
    void asksEachAccessQuestionOfTheSelectingPoliciesOnce() {
        ApprovalPolicy one = TestPolicies.policy("one", "{'constraints': {" + SELF_NODE_CLIENT + "}}");
        ApprovalPolicy two = TestPolicies.policy("two", "{'constraints': {" + SELF_NODE_CLIENT + "}}");
        ApprovalPolicy otherSigner = TestPolicies.policy("other", "{'selector': {'signerNames': ['example.com/*']}, "
                + "'constraints': {'requesterAccess': [{'verb': 'get', 'resource': 'nodes'}]}}");

        Set<AccessCheck> checks = new ApprovalEngine(List.of(one, two, otherSigner)).accessChecks(N1.csr());

        assertEquals(Set.of(new AccessCheck("test-cluster", "system:node:n1",
                List.of("system:nodes", "system:authenticated"), Map.of(), "create", "certificates.k8s.io",
                "certificatesigningrequests", "selfnodeclient")), checks);
    }

    @Test
    void refusesTwoPoliciesOfOneName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ApprovalEngine(List.of(permitting("same"), denying("same"))));

        assertTrue(refused.getMessage().contains("\"same\""), refused.getMessage());
    }

    private static DecisionData decide(TestRequest request, ApprovalPolicy... policies) {
        return new ApprovalEngine(List.of(policies)).decide(request.csr(), AccessAnswers.NONE).decision();
    }

    private static ApprovalPolicy permitting(String name) {
        return TestPolicies.policy(name, "{'constraints': {'usages': {'required': ['server auth']}}}");
    }

    private static ApprovalPolicy denying(String name) {
        return TestPolicies.policy(name, "{'constraints': {" + NO_DNS_NAMES + "}, 'onViolation': 'Deny'}");
    }

    private static ApprovalPolicy ignoring(String name) {
        return TestPolicies.policy(name, "{'constraints': {" + NO_DNS_NAMES + "}}");
    }
}
