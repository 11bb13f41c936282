package io.certpipe.gc.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetentionScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DECIDED = CREATED.plus(Duration.ofMinutes(10));
    private static final RetentionSchedule KUBERNETES_DEFAULTS = new RetentionSchedule(Duration.ofHours(24),
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24));

    @Test
    void pendingRequestExpiresADayAfterCreation() {
        var state = new RequestState(CREATED, null, null, null, false, null);

        assertExpiry(ExpiryRule.PENDING_PAST_DEADLINE, CREATED.plus(Duration.ofHours(24)), state);
    }

    @Test
    void issuedRequestExpiresAnHourAfterApproval() {
        var state = new RequestState(CREATED, DECIDED, null, null, true, DECIDED.plus(Duration.ofDays(365)));

        assertExpiry(ExpiryRule.ISSUED_PAST_RETENTION, DECIDED.plus(Duration.ofHours(1)), state);
    }

    @Test
    void deniedRequestExpiresAnHourAfterDenial() {
        var state = new RequestState(CREATED, null, DECIDED, null, false, null);

        assertExpiry(ExpiryRule.DENIED_PAST_RETENTION, DECIDED.plus(Duration.ofHours(1)), state);
    }

    @Test
    void failedRequestExpiresAnHourAfterFailure() {
        Instant failed = DECIDED.plusSeconds(2);
        var state = new RequestState(CREATED, DECIDED, null, failed, false, null);

        assertExpiry(ExpiryRule.FAILED_PAST_RETENTION, failed.plus(Duration.ofHours(1)), state);
    }

    @Test
    void approvedButNeverIssuedRequestExpiresADayAfterApproval() {
        var state = new RequestState(CREATED, DECIDED, null, null, false, null);

        assertExpiry(ExpiryRule.APPROVED_NEVER_ISSUED, DECIDED.plus(Duration.ofHours(24)), state);
    }

    @Test
    void expiredCertificateExpiresTheRequestAtItsNotAfter() {
        Instant notAfter = DECIDED.plus(Duration.ofMinutes(15));
        var state = new RequestState(CREATED, DECIDED, null, null, true, notAfter);

        assertExpiry(ExpiryRule.CERTIFICATE_EXPIRED, notAfter, state);
    }

    @Test
    void dueOnlyStrictlyAfterTheDeadline() {
        var expiry = KUBERNETES_DEFAULTS.expiryOf(new RequestState(CREATED, null, null, null, false, null))
                .orElseThrow();

        assertFalse(expiry.isDue(expiry.deadline().minusNanos(1)));
        assertFalse(expiry.isDue(expiry.deadline()));
        assertTrue(expiry.isDue(expiry.deadline().plusNanos(1)));
    }

    @Test
    void everyDurationIsConfigurable() {
        var schedule = new RetentionSchedule(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3),
                Duration.ofMinutes(4), Duration.ofMinutes(5));

        assertEquals(CREATED.plus(Duration.ofMinutes(1)), deadline(schedule,
                new RequestState(CREATED, null, null, null, false, null)));
        assertEquals(DECIDED.plus(Duration.ofMinutes(2)), deadline(schedule,
                new RequestState(CREATED, DECIDED, null, null, true, null)));
        assertEquals(DECIDED.plus(Duration.ofMinutes(3)), deadline(schedule,
                new RequestState(CREATED, null, DECIDED, null, false, null)));
        assertEquals(DECIDED.plus(Duration.ofMinutes(4)), deadline(schedule,
                new RequestState(CREATED, DECIDED, null, DECIDED, false, null)));
        assertEquals(DECIDED.plus(Duration.ofMinutes(5)), deadline(schedule,
                new RequestState(CREATED, DECIDED, null, null, false, null)));
    }

    @Test
    void messageNamesTheDeadline() {
        var expiry = KUBERNETES_DEFAULTS.expiryOf(new RequestState(CREATED, null, DECIDED, null, false, null))
                .orElseThrow();

        assertTrue(expiry.message().contains("2026-01-01T01:10:00Z"), expiry.message());
    }

    private static void assertExpiry(ExpiryRule rule, Instant deadline, RequestState state) {
        var expiry = KUBERNETES_DEFAULTS.expiryOf(state).orElseThrow();
        assertEquals(rule, expiry.rule());
        assertEquals(deadline, expiry.deadline());
    }

    private static Instant deadline(RetentionSchedule schedule, RequestState state) {
        return schedule.expiryOf(state).orElseThrow().deadline();
    }
}
