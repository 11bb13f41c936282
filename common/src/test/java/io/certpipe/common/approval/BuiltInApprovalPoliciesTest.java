package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;

/** The policies certpipe ships, on real kubelet requests of node n1. */
class BuiltInApprovalPoliciesTest {

    private static final ApprovalEngine ENGINE = new ApprovalEngine(BuiltInApprovalPolicies.all());
    private static final String N1 = "O=system:nodes,CN=system:node:n1";
    private static final String DENIED_BY_KUBELET_SERVING = "Denied by policy kubelet-serving: ";
    private static final AccessCheck SELF_NODE_CLIENT = new AccessCheck("test-cluster", "system:node:n1",
            List.of("system:nodes", "system:authenticated"), Map.of(), "create", "certificates.k8s.io",
            "certificatesigningrequests", "selfnodeclient");

    @Test
    void theBuiltInPoliciesAreValid() {
        BuiltInApprovalPolicies.all().forEach(policy -> assertEquals(List.of(), policy.problems(), policy.name()));
    }

    @Test
    void approvesAKubeletServingRequestForTheNodesOwnNamesAndPrivateAddresses() {
        TestRequest request = TestRequest.of(TestPki.csr(N1).dns("n1").dns("n1.example.com").ip("10.0.0.5")
                .ip("192.168.1.5").pem()).usages("digital signature", "key encipherment", "server auth");

        assertEquals(new DecisionData(Actor.policy(BuiltInApprovalPolicies.KUBELET_SERVING), Verdict.APPROVE,
                ApprovalEngine.AUTO_APPROVED, "Approved by policy kubelet-serving, which checked subject, dnsNames, "
                        + "ipAddresses, emailAddresses, uris, subjectAlternativeNames, usages and maxExpirationSeconds."), decide(request));
    }

    @Test
    void deniesAKubeletServingRequestForAForeignDnsName() {
        TestRequest request = TestRequest.of(TestPki.csr(N1).dns("n1").dns("evil.example.com").pem());

        assertEquals(new DecisionData(Actor.policy(BuiltInApprovalPolicies.KUBELET_SERVING), Verdict.DENY,
                ApprovalEngine.AUTO_DENIED, DENIED_BY_KUBELET_SERVING + "spec.constraints.dnsNames.allowed: "
                        + "DNS name \"evil.example.com\" is not permitted (permitted: n1, n1.**)."), decide(request));
    }

    @Test
    void deniesAKubeletServingRequestForASixthName() {
        TestRequest request = TestRequest.of(TestPki.csr(N1).dns("n1").dns("n1.a.example").dns("n1.b.example")
                .dns("n1.c.example").ip("10.0.0.1").ip("10.0.0.2").pem());

        assertEquals(DENIED_BY_KUBELET_SERVING + "spec.constraints.subjectAlternativeNames.maxCount: "
                + "6 subject alternative names requested, at most 5 permitted.", decide(request).message());
    }

    @Test
    void deniesAKubeletServingRequestForAPublicAddress() {
        TestRequest request = TestRequest.of(TestPki.csr(N1).dns("n1").ip("203.0.113.7").pem());

        assertEquals(DENIED_BY_KUBELET_SERVING + "spec.constraints.ipAddresses.allowed: IP address \"203.0.113.7\" "
                + "is not permitted (permitted: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16).",
                decide(request).message());
    }

    @Test
    void deniesAKubeletServingRequestForMoreThanAYearAndTwoDays() {
        TestRequest request = TestRequest.of(TestPki.csr(N1).dns("n1").pem())
                .expirationSeconds(BuiltInApprovalPolicies.KUBELET_SERVING_MAX_EXPIRATION_SECONDS + 1);

        DecisionData decision = decide(request);

        assertEquals(Verdict.DENY, decision.verdict());
        assertTrue(decision.message().contains("spec.constraints.maxExpirationSeconds"), decision.message());
    }

    @Test
    void deniesAKubeletServingRequestForAnEmailAddress() {
        TestRequest request = TestRequest.of(TestPki.fixture("email-san-node-serving.csr"));

        assertEquals(DENIED_BY_KUBELET_SERVING + "spec.constraints.emailAddresses.allowed: email address "
                + "\"n1@example.com\" is not permitted (this policy permits none).", decide(request).message());
    }

    @Test
    void deniesAKubeletServingRequestWithoutAnyName() {
        assertEquals(DENIED_BY_KUBELET_SERVING + "spec.constraints.subjectAlternativeNames.atLeastOne: "
                + "at least one subject alternative name is required.",
                decide(TestRequest.of(TestPki.csr(N1).pem())).message());
    }

    @Test
    void leavesAServingRequestOfARequesterThatIsNoNodeToAHuman() {
        TestRequest request = TestRequest.of(TestPki.csr("O=system:nodes,CN=alice").dns("alice").pem())
                .by("alice", "system:nodes");

        assertEquals(ApprovalEngine.NO_POLICY_MATCHED, decide(request).reason());
    }

    @Test
    void asksWhetherTheKubeletMayCreateItsOwnClientCertificate() {
        assertEquals(Set.of(SELF_NODE_CLIENT), ENGINE.accessChecks(kubeletClient(TestPki.csr(N1).pem()).csr()));
    }

    @Test
    void approvesAKubeletClientRequestOnlyWhenTheClusterAllowsSelfNodeClient() {
        TestRequest request = kubeletClient(TestPki.csr(N1).pem());

        assertEquals(new DecisionData(Actor.policy(BuiltInApprovalPolicies.KUBELET_CLIENT), Verdict.APPROVE,
                ApprovalEngine.AUTO_APPROVED, "Approved by policy kubelet-client, which checked subject, "
                        + "subjectAlternativeNames, usages and requesterAccess."),
                decide(request, AccessAnswers.of(Map.of(SELF_NODE_CLIENT, true))));
        assertEquals(ApprovalEngine.NO_POLICY_PERMITTED,
                decide(request, AccessAnswers.of(Map.of(SELF_NODE_CLIENT, false))).reason());
        assertEquals(ApprovalEngine.POLICY_NOT_EVALUABLE, decide(request, AccessAnswers.NONE).reason());
    }

    @Test
    void leavesAKubeletClientRequestForAnotherNodeToAHuman() {
        DecisionData decision = decide(kubeletClient(TestPki.csr("O=system:nodes,CN=system:node:n2").pem()),
                AccessAnswers.of(Map.of(SELF_NODE_CLIENT, true)));

        assertEquals(new DecisionData(Actor.policy(ApprovalEngine.NO_POLICY), Verdict.DEFER,
                ApprovalEngine.NO_POLICY_PERMITTED, "No approval policy permitted the request; left for a human "
                        + "(kubectl certificate approve|deny). Policy kubelet-client (onViolation Ignore) does not "
                        + "permit the request: spec.constraints.subject.commonName.equalsRequester: common name "
                        + "\"system:node:n2\" is not the requesting user \"system:node:n1\"."), decision);
    }

    @Test
    void leavesAKubeletClientRequestWithNamesOrAnotherOrganizationToAHuman() {
        AccessAnswers allowed = AccessAnswers.of(Map.of(SELF_NODE_CLIENT, true));

        assertEquals(ApprovalEngine.NO_POLICY_PERMITTED,
                decide(kubeletClient(TestPki.csr(N1).dns("n1").pem()), allowed).reason());
        assertEquals(ApprovalEngine.NO_POLICY_PERMITTED,
                decide(kubeletClient(TestPki.fixture("wrong-organization-node.csr")), allowed).reason());
    }

    private static TestRequest kubeletClient(String pem) {
        return TestRequest.of(pem).signer(SignerNames.KUBE_APISERVER_CLIENT_KUBELET)
                .usages("digital signature", "key encipherment", "client auth");
    }

    private static DecisionData decide(TestRequest request) {
        return decide(request, AccessAnswers.NONE);
    }

    private static DecisionData decide(TestRequest request, AccessAnswers answers) {
        return ENGINE.decide(request.csr(), answers).decision();
    }
}
