package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * An operator's own approval policy, added as docs/approval.md says: appended to the stack's policies file, then
 * approval-service restarted. It approves what a team asks for itself and denies a request in someone else's name;
 * what it does not select still waits for a person.
 */
class ApprovalPolicyFilesIT {

    private static final String TEAM = "web-team";
    private static final String POLICY = "web-team-clients";
    private static final String TEAM_POLICY = """
            ---
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

    @TempDir
    static Path work;

    private static String shipped;
    /** A member of the team: she may create requests, as everyone may, but not read them back. */
    private static Kubectl wendy;

    @BeforeAll
    static void addTheTeamsPolicy() throws IOException {
        shipped = Files.readString(policiesFile());
        Files.writeString(policiesFile(), shipped + TEAM_POLICY);
        restartApprovalService();
        wendy = Identities.issueInCluster(work, Stack.CLUSTER, "wendy", TEAM).kubectl();
    }

    @AfterAll
    static void putTheShippedPoliciesBack() throws IOException {
        Files.writeString(policiesFile(), shipped);
        restartApprovalService();
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

    private static Path policiesFile() {
        return Stack.home().resolve("approval-policies.yaml");
    }

    private static void restartApprovalService() {
        Stack.certpipe("stop", "approval-service");
        Stack.certpipe("up", "--no-build");
    }
}
