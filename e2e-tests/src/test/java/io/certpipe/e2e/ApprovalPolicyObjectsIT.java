package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.approval.ApprovalEngine;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;

/**
 * An operator's own approval policy, managed as docs/approval.md says: {@code kubectl apply -f} of an ApprovalPolicy,
 * in force within seconds without a restart. It approves what a team asks for itself and denies a request in someone
 * else's name; what it does not select still waits for a person. A policy with a bad value or an unknown field is
 * refused at apply, naming the field; the built-in policies are objects like any other, and kubectl explains the kind.
 */
class ApprovalPolicyObjectsIT {

    private static final String TEAM = "web-team";
    private static final String POLICY = "web-team-clients";
    private static final String TEAM_POLICY = """
            apiVersion: certpipe.io/v1
            kind: ApprovalPolicy
            metadata:
              name: web-team-clients
            spec:
              selector:
                signerNames: ["kubernetes.io/kube-apiserver-client"]
                groups: ["web-team"]
              constraints:
                subject:
                  commonName: {equalsRequester: true}
                  organizations: {allowed: ["web-team"]}
                subjectAlternativeNames: {maxCount: 0}
              onViolation: Deny
            """;
    /** approval-service re-reads the policies every 5 s; a minute is ample for the new one to be in force. */
    private static final Duration IN_FORCE = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    /** A member of the team: she may create requests, as everyone may, but not read them back. */
    private static Kubectl wendy;

    @BeforeAll
    static void applyTheTeamsPolicy() {
        Kubectl.admin().runWithInput(TEAM_POLICY, "apply", "-f", "-").requireSuccess("kubectl apply the policy");
        wendy = Identities.issueInCluster(work, Stack.CLUSTER, "wendy", TEAM).kubectl();
        awaitPolicyInForce();
    }

    @AfterAll
    static void deleteTheTeamsPolicy() {
        Kubectl.admin().run("delete", "approvalpolicy", POLICY).requireSuccess("kubectl delete approvalpolicy");
    }

    @Test
    void approvesWhatAMemberAsksForThemselves() {
        String name = wendyAsks("wendy-own", "/CN=wendy/O=" + TEAM);

        Csrs.awaitCertificate(Kubectl.admin(), name);
        DecisionData decision = decisionOn(name);
        assertEquals(DecisionData.Verdict.APPROVE, decision.verdict());
        assertEquals(Actor.policy(POLICY), decision.actor());
    }

    @Test
    void deniesARequestInAnotherMembersNameSayingWhy() {
        String name = wendyAsks("wendy-for-walter", "/CN=walter/O=" + TEAM);

        JsonNode denied = Csrs.awaitCondition(Kubectl.admin(), name, CsrCondition.DENIED);
        assertEquals(ApprovalEngine.AUTO_DENIED, denied.path("reason").asText());
        assertTrue(denied.path("message").asText().contains(POLICY)
                && denied.path("message").asText().contains("spec.constraints.subject.commonName"),
                denied.toString());
    }

    @Test
    void leavesWhatItDoesNotSelectToAPerson() {
        Kubectl other = Identities.issueInCluster(work, Stack.CLUSTER, "oscar", "other-team").kubectl();
        String name = Csrs.uniqueName("oscar-own");
        other.create(Csrs.Manifest.of(name, Openssl.newKeyAndRequest(work, name, "/CN=oscar/O=other-team")
                .requestPem(), SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).yaml());

        DecisionData decision = decisionOn(name);
        assertEquals(DecisionData.Verdict.DEFER, decision.verdict());
        assertEquals(ApprovalEngine.NO_POLICY_MATCHED, decision.reason());
    }

    @Test
    void aPolicyWithABadValueOrAnUnknownFieldIsRefusedNamingTheFieldAndNothingIsStored() {
        String badCidr = TEAM_POLICY.replace("web-team-clients", "bad-cidr")
                .replace("subjectAlternativeNames: {maxCount: 0}", "ipAddresses: {allowed: [\"10.0.0.0/33\"]}");
        Command.Result invalid = Kubectl.admin().runWithInput(badCidr, "apply", "-f", "-");
        assertFalse(invalid.succeeded());
        assertTrue(invalid.stderr().contains("The ApprovalPolicy \"bad-cidr\" is invalid: "
                + "spec.constraints.ipAddresses.allowed[0]"), invalid.stderr());

        String misspelt = TEAM_POLICY.replace("web-team-clients", "misspelt").replace("maxCount: 0", "maxCont: 0");
        Command.Result unknown = Kubectl.admin().runWithInput(misspelt, "apply", "-f", "-");
        assertFalse(unknown.succeeded());
        assertTrue(unknown.stderr().contains(
                "unknown field \"spec.constraints.subjectAlternativeNames.maxCont\""), unknown.stderr());

        for (String refused : List.of("bad-cidr", "misspelt")) {
            assertTrue(Kubectl.admin().run("get", "approvalpolicy", refused).stderr().contains("NotFound"),
                    refused + " was not stored");
        }
    }

    @Test
    void theBuiltInPoliciesAreObjectsAndKubectlExplainsTheKind() {
        Command.Result listed = Kubectl.admin().run("get", "approvalpolicies").requireSuccess("kubectl get");
        assertTrue(listed.stdout().lines().anyMatch(line -> line.startsWith("kubelet-client ")), listed.stdout());
        assertTrue(listed.stdout().lines().anyMatch(line -> line.startsWith("kubelet-serving ")
                && line.contains("Deny")), listed.stdout());

        Command.Result explained = Kubectl.admin().run("explain", "approvalpolicies.spec.constraints.ipAddresses")
                .requireSuccess("kubectl explain");
        assertTrue(explained.stdout().contains("KIND:       ApprovalPolicy")
                && explained.stdout().contains("allowed"), explained.stdout());
    }

    @Test
    void aWatchOfPoliciesSeesAnAppliedPolicyAndItsDeletion() {
        String named = TEAM_POLICY.replace("web-team-clients", "watched-policy");
        try (Command.Running watch = Kubectl.admin().start("get", "approvalpolicies", "--watch",
                "--output-watch-events")) {
            // The list comes first; the watch follows from the revision it was read at, so nothing later is missed.
            watch.awaitLine("the listed policies",
                    line -> WatchEvents.is(line, "ADDED", "kubelet-client"));
            Kubectl.admin().runWithInput(named, "apply", "-f", "-").requireSuccess("kubectl apply");
            Kubectl.admin().run("delete", "approvalpolicy", "watched-policy").requireSuccess("kubectl delete");
            watch.awaitLine("the creation", line -> WatchEvents.is(line, "ADDED", "watched-policy"));
            watch.awaitLine("the deletion", line -> WatchEvents.is(line, "DELETED", "watched-policy"));
        }
    }

    /**
     * Waits until approval-service decides with the team's policy: a probe request wendy makes for herself is
     * approved by it. Probes decided before the policy reached approval-service stay pending, as any request does.
     */
    private static void awaitPolicyInForce() {
        Poll.until("the applied policy deciding", IN_FORCE, () -> {
            String probe = wendyAsks("probe", "/CN=wendy/O=" + TEAM);
            return Optional.of(decisionOn(probe))
                    .filter(decision -> decision.verdict() == DecisionData.Verdict.APPROVE);
        });
    }

    private static String wendyAsks(String prefix, String subject) {
        String name = Csrs.uniqueName(prefix);
        wendy.create(Csrs.Manifest.of(name, Openssl.newKeyAndRequest(work, name, subject).requestPem(),
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).yaml());
        return name;
    }

    private static DecisionData decisionOn(String name) {
        String uid = Kubectl.admin().get(name).path("metadata").path("uid").asText();
        return (DecisionData) KafkaTopics.awaitEvents(EventType.DECIDED, uid, 1).getFirst().data();
    }
}
