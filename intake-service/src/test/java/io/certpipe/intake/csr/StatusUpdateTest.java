package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;
import io.certpipe.kube.ApiException;
import org.junit.jupiter.api.Test;

class StatusUpdateTest {

    private static final Actor SIGNER = Actor.user("external-signer", List.of());
    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n";

    private final StoredCsr approved = TestCsrs.pending("a").withCondition(TestCsrs.condition(CsrCondition.APPROVED));

    @Test
    void setsTheCertificateOfAnApprovedRequestAndReportsItIssued() {
        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                update(keptConditions(approved), CERTIFICATE).applyTo(approved, TestCsrs.NOW));

        assertEquals(CERTIFICATE, written.csr().certificatePem());
        assertEquals(EventType.ISSUED, written.event());
        assertEquals(SIGNER, written.actor());
    }

    @Test
    void neverReplacesAnIssuedCertificate() {
        StoredCsr issued = approved.withCertificate(CERTIFICATE);

        ApiException refusal = assertThrows(ApiException.class, () -> update(keptConditions(issued),
                CERTIFICATE.replace("x", "y")).applyTo(issued, TestCsrs.NOW));

        assertEquals(422, refusal.code());
        assertTrue(refusal.getMessage().contains("status.certificate: Invalid value: field is immutable"),
                refusal.getMessage());
    }

    @Test
    void refusesACertificateForAPendingRequest() {
        StoredCsr pending = TestCsrs.pending("b");

        ApiException refusal = assertThrows(ApiException.class,
                () -> update(List.of(), CERTIFICATE).applyTo(pending, TestCsrs.NOW));

        assertTrue(refusal.getMessage().contains("only be set on an approved request"), refusal.getMessage());
    }

    @Test
    void recordsFailedWithServerTimes() {
        List<CsrChange.RequestedCondition> conditions = new java.util.ArrayList<>(keptConditions(approved));
        conditions.add(new CsrChange.RequestedCondition("Failed", "True", "HsmOffline", "token not present"));

        Outcome.Written written = assertInstanceOf(Outcome.Written.class,
                update(conditions, null).applyTo(approved, TestCsrs.NOW.plusSeconds(5)));

        CsrCondition failed = written.csr().conditions().getLast();
        assertEquals("HsmOffline", failed.reason());
        assertEquals(TestCsrs.NOW.plusSeconds(5), failed.lastTransitionTime());
        assertEquals(EventType.FAILED, written.event());
    }

    @Test
    void approvalConditionsAreNotTheStatusSubresourcesToAddOrRemove() {
        StoredCsr pending = TestCsrs.pending("c");

        ApiException added = assertThrows(ApiException.class, () -> update(List.of(
                new CsrChange.RequestedCondition("Approved", "True", "Sneaky", "")), null)
                .applyTo(pending, TestCsrs.NOW));
        ApiException removed = assertThrows(ApiException.class,
                () -> update(List.of(), null).applyTo(approved, TestCsrs.NOW));

        assertTrue(added.getMessage().contains("updates may not add a condition of type \"Approved\""),
                added.getMessage());
        assertTrue(removed.getMessage().contains("updates may not remove a condition of type \"Approved\""),
                removed.getMessage());
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        ApiException conflict = assertThrows(ApiException.class,
                () -> new CsrChange.StatusUpdate(approved.resourceVersion() - 1, keptConditions(approved), null,
                        SIGNER).applyTo(approved, TestCsrs.NOW));

        assertEquals(409, conflict.code());
    }

    private static List<CsrChange.RequestedCondition> keptConditions(StoredCsr csr) {
        return csr.conditions().stream().map(condition -> new CsrChange.RequestedCondition(condition.type(),
                condition.status(), condition.reason(), condition.message())).toList();
    }

    private static CsrChange.StatusUpdate update(List<CsrChange.RequestedCondition> conditions, String certificate) {
        return new CsrChange.StatusUpdate(null, conditions, certificate, SIGNER);
    }
}
