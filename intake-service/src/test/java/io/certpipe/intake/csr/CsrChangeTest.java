package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.SigningFailedData;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.kube.ApiException;
import org.junit.jupiter.api.Test;

class CsrChangeTest {

    private static final Actor ADMIN = TestCsrs.ADMIN.toActor();
    private static final Actor POLICY = Actor.policy("kubelet-client");
    private static final Actor SIGNER = Actor.service("signing-service");
    private static final Instant LATER = TestCsrs.NOW.plusSeconds(60);
    private static final Actor ALICE = new Actor(Actor.Kind.user, "alice", List.of("approvers"));
    private static final Actor BOB = new Actor(Actor.Kind.user, "bob", List.of("approvers"));
    private static final ApprovalRules FOUR_EYES = new ApprovalRules(2, false);

    @Test
    void kubectlApprovalAddsTheConditionWithServerTimes() {
        StoredCsr pending = TestCsrs.pending("a");

        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                approval(pending.resourceVersion(), "Approved").applyTo(pending, LATER));

        CsrCondition approved = written.csr().conditions().getFirst();
        assertEquals("KubectlApprove", approved.reason());
        assertEquals(LATER, approved.lastUpdateTime());
        assertEquals(LATER, approved.lastTransitionTime());
        assertEquals(EventType.APPROVED, written.event());
        assertEquals(ADMIN, written.actor());
        assertEquals("KubectlApprove", written.reason());
    }

    @Test
    void refusesApprovalAfterDenial() {
        StoredCsr denied = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.DENIED));

        ApiException refusal = assertThrows(ApiException.class,
                () -> approval(null, "Denied", "Approved").applyTo(denied, LATER));

        assertEquals(422, refusal.code());
        assertTrue(refusal.getMessage().contains("mutually exclusive"), refusal.getMessage());
    }

    @Test
    void reApprovingAnApprovedRequestChangesNothing() {
        StoredCsr approved = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.APPROVED));

        Outcome outcome = approval(approved.resourceVersion(), "Approved").applyTo(approved, LATER);

        assertSame(approved, assertInstanceOf(Outcome.Unchanged.class, outcome).csr());
    }

    @Test
    void approvalCannotRemoveExistingConditions() {
        StoredCsr failed = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.APPROVED))
                .withCondition(TestCsrs.condition(CsrCondition.FAILED));

        Outcome outcome = approval(null).applyTo(failed, LATER);

        assertSame(failed, assertInstanceOf(Outcome.Unchanged.class, outcome).csr());
    }

    @Test
    void staleResourceVersionIsAConflict() {
        StoredCsr pending = TestCsrs.pending("a");

        ApiException refusal = assertThrows(ApiException.class,
                () -> approval(pending.resourceVersion() - 1, "Approved").applyTo(pending, LATER));

        assertEquals(409, refusal.code());
        assertEquals("Conflict", refusal.reason());
    }

    @Test
    void decisionStatusMustBeTrue() {
        StoredCsr pending = TestCsrs.pending("a");
        var change = new CsrChange.ApprovalUpdate(null,
                List.of(new CsrChange.RequestedCondition("Approved", "False", "r", "m")), ADMIN,
                ApprovalRules.KUBERNETES);

        ApiException refusal = assertThrows(ApiException.class, () -> change.applyTo(pending, LATER));

        assertEquals("status.conditions[0].status", refusal.details().causes().getFirst().field());
    }

    @Test
    void withTwoApproversTheFirstApprovalIsRecordedAndTheRequestStaysPending() {
        StoredCsr pending = TestCsrs.pending("a");

        Outcome.ApprovalRecorded recorded = assertInstanceOf(Outcome.ApprovalRecorded.class,
                decision(ALICE, FOUR_EYES, null, "Approved").applyTo(pending, LATER));

        assertEquals(List.of("alice"), recorded.csr().approvals().stream().map(RecordedApproval::user).toList());
        assertFalse(recorded.csr().hasCondition(CsrCondition.APPROVED));
        assertTrue(recorded.message().contains("1 of 2"), recorded.message());
    }

    @Test
    void theSameApproverTwiceCountsOnce() {
        StoredCsr once = decision(ALICE, FOUR_EYES, null, "Approved").applyTo(TestCsrs.pending("a"), LATER).csr();

        Outcome again = decision(ALICE, FOUR_EYES, null, "Approved").applyTo(once, LATER);

        assertSame(once, assertInstanceOf(Outcome.Unchanged.class, again).csr());
    }

    @Test
    void theSecondDistinctApproverApprovesNamingBoth() {
        StoredCsr once = decision(ALICE, FOUR_EYES, null, "Approved").applyTo(TestCsrs.pending("a"), LATER).csr();

        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                decision(BOB, FOUR_EYES, null, "Approved").applyTo(once, LATER));

        assertEquals(EventType.APPROVED, written.event());
        assertEquals(BOB, written.actor());
        CsrCondition approved = written.csr().conditions().getFirst();
        assertTrue(approved.message().contains("2 of 2 approvers (alice, bob)"), approved.message());
    }

    @Test
    void oneDenialDeniesWhateverWasApprovedBefore() {
        StoredCsr once = decision(ALICE, FOUR_EYES, null, "Approved").applyTo(TestCsrs.pending("a"), LATER).csr();

        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                decision(BOB, FOUR_EYES, null, "Denied").applyTo(once, LATER));

        assertEquals(EventType.DENIED, written.event());
    }

    @Test
    void theRequesterMayNotApproveTheirOwnRequestWhenTheSignerSaysSo() {
        StoredCsr requestedByAdmin = TestCsrs.pending("a");

        ApiException refusal = assertThrows(ApiException.class,
                () -> decision(ADMIN, new ApprovalRules(1, false), null, "Approved").applyTo(requestedByAdmin,
                        LATER));

        assertEquals(403, refusal.code());
        assertTrue(refusal.getMessage().contains("someone else"), refusal.getMessage());
    }

    @Test
    void theRequesterMayStillDenyTheirOwnRequest() {
        StoredCsr requestedByAdmin = TestCsrs.pending("a");

        Outcome outcome = decision(ADMIN, new ApprovalRules(1, false), null, "Denied").applyTo(requestedByAdmin,
                LATER);

        assertEquals(EventType.DENIED, assertInstanceOf(Outcome.Written.class, outcome).event());
    }

    @Test
    void policyDecisionOnADecidedRequestIsANoOp() {
        StoredCsr denied = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.DENIED));
        var approve = new CsrChange.Decide(new DecisionData(POLICY, DecisionData.Verdict.APPROVE, "AutoApproved",
                "auto"));

        assertSame(denied, assertInstanceOf(Outcome.Unchanged.class, approve.applyTo(denied, LATER)).csr());
    }

    @Test
    void policyApprovalRecordsThePolicyAsActor() {
        var approve = new CsrChange.Decide(new DecisionData(POLICY, DecisionData.Verdict.APPROVE, "AutoApproved",
                "Auto approving kubelet client certificate after SubjectAccessReview."));

        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                approve.applyTo(TestCsrs.pending("a"), LATER));

        assertEquals(EventType.APPROVED, written.event());
        assertEquals(POLICY, written.actor());
        assertEquals("AutoApproved", written.csr().conditions().getFirst().reason());
    }

    @Test
    void deferredDecisionChangesNothing() {
        var defer = new CsrChange.Decide(new DecisionData(POLICY, DecisionData.Verdict.DEFER, "NoPolicy", "human"));

        assertTrue(defer.changesNothing());
        assertInstanceOf(Outcome.Unchanged.class, defer.applyTo(TestCsrs.pending("a"), LATER));
        assertFalse(new CsrChange.Decide(new DecisionData(POLICY, DecisionData.Verdict.APPROVE, "Policy", "ok"))
                .changesNothing());
    }

    @Test
    void certificateOfAnIssuedRequestIsNeverReplaced() {
        StoredCsr issued = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.APPROVED))
                .withCertificate("-----BEGIN CERTIFICATE-----\nfirst\n-----END CERTIFICATE-----\n");

        Outcome outcome = new CsrChange.Issue(signed("second")).applyTo(issued, LATER);

        assertSame(issued, assertInstanceOf(Outcome.Unchanged.class, outcome).csr());
    }

    @Test
    void certificateOfAnApprovedRequestIsIssued() {
        StoredCsr approved = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.APPROVED));

        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                new CsrChange.Issue(signed("cert")).applyTo(approved, LATER));

        assertEquals("cert", written.csr().certificatePem());
        assertEquals(EventType.ISSUED, written.event());
        assertEquals(SIGNER, written.actor());
    }

    @Test
    void certificateForAPendingRequestIsIgnored() {
        StoredCsr pending = TestCsrs.pending("a");

        assertInstanceOf(Outcome.Unchanged.class, new CsrChange.Issue(signed("cert")).applyTo(pending, LATER));
    }

    @Test
    void signingFailureAddsTheFailedConditionOnce() {
        StoredCsr approved = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.APPROVED));
        var fail = new CsrChange.Fail(new SigningFailedData(SIGNER, "kubernetes.io/kube-apiserver-client",
                SigningFailedData.SIGNER_VALIDATION_FAILURE, "usages must include client auth"));

        Outcome.Written written = assertInstanceOf(Outcome.Written.class, fail.applyTo(approved, LATER));
        assertEquals(EventType.FAILED, written.event());
        assertEquals("Approved,Failed", CsrTable.condition(written.csr()));

        assertInstanceOf(Outcome.Unchanged.class, fail.applyTo(written.csr(), LATER.plusSeconds(1)));
    }

    @Test
    void eventForAnUnknownUidIsDropped() {
        var lookup = new CsrLookup.ByUid("default", UUID.randomUUID());

        Outcome outcome = new CsrChange.Issue(signed("cert")).whenMissing(lookup);

        assertNull(assertInstanceOf(Outcome.Unchanged.class, outcome).csr());
    }

    @Test
    void apiCallForAnUnknownNameIsNotFound() {
        var lookup = new CsrLookup.ByName("default", "ghost");

        ApiException refusal = assertThrows(ApiException.class,
                () -> new CsrChange.Delete(ADMIN, null, null).whenMissing(lookup));

        assertEquals(404, refusal.code());
        assertEquals("certificatesigningrequests.certificates.k8s.io \"ghost\" not found", refusal.getMessage());
    }

    @Test
    void creatingAnExistingNameIsAlreadyExists() {
        StoredCsr existing = TestCsrs.pending("dup");

        ApiException refusal = assertThrows(ApiException.class,
                () -> new CsrChange.Create(TestCsrs.pending("dup"), ADMIN).applyTo(existing, LATER));

        assertEquals(409, refusal.code());
        assertEquals("AlreadyExists", refusal.reason());
    }

    @Test
    void expirationDeletesWithTheServiceAsActor() {
        Actor gc = Actor.service("gc-service");
        StoredCsr pending = TestCsrs.pending("a");
        var expiration = new ExpirationData(gc, "PendingPastDeadline", "pending for 24h", pending.resourceVersion());

        Outcome.Removed removed = assertInstanceOf(Outcome.Removed.class,
                new CsrChange.Expire(expiration).applyTo(pending, LATER));

        assertEquals(gc, removed.actor());
        assertEquals("PendingPastDeadline", removed.reason());
    }

    @Test
    void expirationJudgedOnAnOlderVersionChangesNothing() {
        StoredCsr pending = TestCsrs.pending("a");
        var expiration = new ExpirationData(Actor.service("gc-service"), "PendingPastDeadline", "pending for 24h",
                pending.resourceVersion() - 1);

        assertInstanceOf(Outcome.Unchanged.class, new CsrChange.Expire(expiration).applyTo(pending, LATER));
    }

    private static CsrChange.ApprovalUpdate approval(Long resourceVersion, String... types) {
        return decision(ADMIN, ApprovalRules.KUBERNETES, resourceVersion, types);
    }

    private static CsrChange.ApprovalUpdate decision(Actor actor, ApprovalRules rules, Long resourceVersion,
            String... types) {
        List<CsrChange.RequestedCondition> conditions = java.util.Arrays.stream(types)
                .map(type -> new CsrChange.RequestedCondition(type, "True",
                        type.equals("Approved") ? "KubectlApprove" : "KubectlDeny",
                        "This CSR was " + type.toLowerCase() + " by kubectl."))
                .toList();
        return new CsrChange.ApprovalUpdate(resourceVersion, conditions, actor, rules);
    }

    private static SignedData signed(String certificate) {
        return new SignedData(SIGNER, "kubernetes.io/kube-apiserver-client", certificate, "0a1b", "ff",
                TestCsrs.NOW, TestCsrs.NOW.plusSeconds(3600));
    }
}
