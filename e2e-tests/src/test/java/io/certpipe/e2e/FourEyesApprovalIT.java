package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.event.CsrCondition;

/**
 * Separation of duties on the local stack's example.com/privileged-client, whose declaration asks two approvers and
 * forbids the requester to be one: three people who may all approve for the signer by RBAC, one of whom asks.
 */
class FourEyesApprovalIT {

    private static final String SIGNER = "example.com/privileged-client";
    private static final String APPROVERS = "four-eyes-approvers";
    private static final String APPROVER_ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: four-eyes-approver
            rules:
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests]
              verbs: [create, get, list, watch]
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests/approval]
              verbs: [update]
            - apiGroups: [certificates.k8s.io]
              resources: [signers]
              resourceNames: [example.com/privileged-client]
              verbs: [approve]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: four-eyes-approvers
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: four-eyes-approver}
            subjects:
            - {kind: Group, name: four-eyes-approvers}
            """;

    @TempDir
    static Path work;

    private static Kubectl carol;
    private static Kubectl alice;
    private static Kubectl bob;

    @BeforeAll
    static void threePeopleWhoMayApprove() {
        Kubectl.admin().runWithInput(APPROVER_ROLE, "apply", "-f", "-").requireSuccess("the approvers' role");
        carol = Identities.issueInCluster(work, Stack.CLUSTER, "carol", APPROVERS).kubectl();
        alice = Identities.issueInCluster(work, Stack.CLUSTER, "alice", APPROVERS).kubectl();
        bob = Identities.issueInCluster(work, Stack.CLUSTER, "bob", APPROVERS).kubectl();
    }

    @Test
    void theRequesterIsRefusedAndTwoOthersMustApproveBeforeTheCertificateIsIssued() throws Exception {
        String name = carolAsks("break-glass");

        Command.Result own = carol.run("certificate", "approve", name);
        assertFalse(own.succeeded(), "the requester approved her own request: " + own);
        assertTrue(own.stderr().contains("Forbidden") && own.stderr().contains("someone else"), own.stderr());

        Command.Result first = alice.run("certificate", "approve", name).requireSuccess("alice approves");
        assertTrue(first.stderr().contains("Warning: 1 of 2 approvals recorded (alice)"), first.stderr());
        assertEquals("Pending", carol.tableRow(name).cell("CONDITION"));
        alice.run("certificate", "approve", name).requireSuccess("alice approves again");
        assertEquals("Pending", carol.tableRow(name).cell("CONDITION"), "the same person counts once");
        String recorded = Kubectl.admin().run("describe", "csr", name).requireSuccess("describe").stdout();
        assertTrue(recorded.contains("ApprovalRecorded") && recorded.contains("user/alice"), recorded);

        bob.run("certificate", "approve", name).requireSuccess("bob approves");
        String certificatePem = Csrs.awaitCertificate(carol, name);
        JsonNode approved = Csrs.condition(carol.get(name), CsrCondition.APPROVED).orElseThrow();
        assertTrue(approved.path("message").asText().contains("2 of 2 approvers (alice, bob)"), approved.toString());
        Path certificate = Files.writeString(work.resolve(name + ".crt"), certificatePem);
        assertTrue(Openssl.verify(Stack.signerCa(SIGNER), certificate).succeeded(),
                "signed by " + SIGNER + "'s CA");
    }

    @Test
    void oneDenialDeniesWhatOneApproverApproved() {
        String name = carolAsks("denied-break-glass");
        alice.run("certificate", "approve", name).requireSuccess("alice approves");

        bob.run("certificate", "deny", name).requireSuccess("bob denies");

        Csrs.awaitCondition(carol, name, CsrCondition.DENIED);
        assertEquals("Denied", carol.tableRow(name).cell("CONDITION"));
        assertEquals("", carol.certificateField(name));
    }

    private static String carolAsks(String prefix) {
        String name = Csrs.uniqueName(prefix);
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=carol/O=operators");
        carol.create(Csrs.Manifest.of(name, request.requestPem(), SIGNER, List.of(KeyUsages.DIGITAL_SIGNATURE,
                KeyUsages.CLIENT_AUTH)).yaml());
        return name;
    }
}
