package io.certpipe.gc.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventType;
import io.certpipe.gc.retention.ExpiryRule;
import io.certpipe.gc.retention.RetentionSchedule;
import io.certpipe.gc.retention.TestCertificates;
import org.junit.jupiter.api.Test;

class RetentionEntryTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant APPROVED = CREATED.plusSeconds(5);
    private static final RetentionSchedule SCHEDULE = new RetentionSchedule(Duration.ofHours(24), Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24));

    private final RetentionEntry entry = RetentionEntry.of("default", "uid-1", "csr-1");

    @Test
    void createdRequestIsScheduledAsPending() {
        assertTrue(entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE));

        assertEquals(ExpiryRule.PENDING_PAST_DEADLINE, entry.expiryRule);
        assertEquals(CREATED.plus(Duration.ofHours(24)), entry.deadline);
    }

    @Test
    void newerStateReplacesTheDeadline() {
        entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE);

        assertTrue(entry.apply(EventType.APPROVED, snapshot(2, approved()), APPROVED, SCHEDULE));

        assertEquals(ExpiryRule.APPROVED_NEVER_ISSUED, entry.expiryRule);
        assertEquals(APPROVED.plus(Duration.ofHours(24)), entry.deadline);
    }

    @Test
    void olderEventNeverOverwritesNewerState() {
        entry.apply(EventType.APPROVED, snapshot(2, approved()), APPROVED, SCHEDULE);

        assertFalse(entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE));

        assertEquals(2L, entry.resourceVersion);
        assertEquals(APPROVED, entry.approvedAt);
        assertEquals(ExpiryRule.APPROVED_NEVER_ISSUED, entry.expiryRule);
    }

    @Test
    void redeliveredEventChangesNothing() {
        entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE);
        entry.expirationSentAt = CREATED.plus(Duration.ofHours(25));

        assertFalse(entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE));

        assertEquals(CREATED.plus(Duration.ofHours(25)), entry.expirationSentAt);
    }

    @Test
    void issuedEventTracksTheCertificateExpiry() {
        Instant notAfter = APPROVED.plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        var issued = new CsrSnapshot("default", "csr-1", "uid-1", 3, CREATED, "example.com/signer", null, null,
                null, "alice", null, null, null, List.of(approved()), TestCertificates.pemValidUntil(notAfter));

        entry.apply(EventType.ISSUED, issued, APPROVED.plusSeconds(1), SCHEDULE);

        assertTrue(entry.issued);
        assertEquals(notAfter, entry.certificateNotAfter);
        assertEquals(ExpiryRule.CERTIFICATE_EXPIRED, entry.expiryRule);
        assertEquals(notAfter, entry.deadline);
    }

    @Test
    void deletionRetiresTheEntryForGood() {
        entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE);

        assertTrue(entry.apply(EventType.DELETED, null, CREATED.plusSeconds(60), SCHEDULE));
        assertFalse(entry.apply(EventType.APPROVED, snapshot(2, approved()), APPROVED, SCHEDULE));

        assertTrue(entry.isDeleted());
        assertNull(entry.deadline);
        assertNull(entry.expiry());
    }

    @Test
    void deletionSeenFirstKeepsLaterRedeliveriesOut() {
        assertTrue(entry.apply(EventType.DELETED, null, CREATED, SCHEDULE));

        assertFalse(entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE));
        assertNull(entry.deadline);
    }

    @Test
    void aNewDeadlineMayBeSentAgain() {
        entry.apply(EventType.CREATED, snapshot(1), CREATED, SCHEDULE);
        entry.expirationSentAt = CREATED.plus(Duration.ofHours(25));

        entry.apply(EventType.APPROVED, snapshot(2, approved()), APPROVED, SCHEDULE);

        assertNull(entry.expirationSentAt);
    }

    private static CsrCondition approved() {
        return new CsrCondition(CsrCondition.APPROVED, "True", "AutoApproved", "ok", APPROVED, APPROVED);
    }

    private static CsrSnapshot snapshot(long resourceVersion, CsrCondition... conditions) {
        return new CsrSnapshot("default", "csr-1", "uid-1", resourceVersion, CREATED, "example.com/signer", null,
                null, null, "alice", null, null, null, List.of(conditions), null);
    }
}
