package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ValidityTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration ONE_YEAR = Duration.ofHours(8760);
    private static final Instant CA_NOT_AFTER = NOW.plus(Duration.ofDays(3650));

    @Test
    void backdatesNotBeforeByFiveMinutes() {
        assertEquals(NOW.minusSeconds(300), Validity.of(NOW, 3600, ONE_YEAR, CA_NOT_AFTER).notBefore());
    }

    @Test
    void keepsTheFullRequestedLifetimeWhenShorterThanEightHours() {
        Validity validity = Validity.of(NOW, 600, ONE_YEAR, CA_NOT_AFTER);

        assertEquals(NOW.plusSeconds(600), validity.notAfter());
    }

    @Test
    void takesTheBackdateBackFromLongLifetimes() {
        Validity validity = Validity.of(NOW, 86_400, ONE_YEAR, CA_NOT_AFTER);

        assertEquals(NOW.plusSeconds(86_400 - 300), validity.notAfter());
    }

    @Test
    void treatsExactlyEightHoursAsLongLived() {
        assertEquals(NOW.plus(Duration.ofHours(8)).minusSeconds(300),
                Validity.of(NOW, 8 * 3600, ONE_YEAR, CA_NOT_AFTER).notAfter());
    }

    @Test
    void usesTheSignerMaximumWhenNoExpirationIsRequested() {
        assertEquals(NOW.plus(ONE_YEAR).minusSeconds(300), Validity.of(NOW, null, ONE_YEAR, CA_NOT_AFTER).notAfter());
    }

    @Test
    void capsARequestedLifetimeAtTheSignerMaximum() {
        Duration maximum = Duration.ofDays(30);

        assertEquals(NOW.plus(maximum).minusSeconds(300),
                Validity.of(NOW, 10 * 365 * 86_400, maximum, CA_NOT_AFTER).notAfter());
    }

    @Test
    void neverOutlivesTheCa() {
        Instant caNotAfter = NOW.plus(Duration.ofDays(10));

        assertEquals(caNotAfter, Validity.of(NOW, null, ONE_YEAR, caNotAfter).notAfter());
    }

    @Test
    void keepsWholeSecondsAsTheCertificateDoes() {
        Validity validity = Validity.of(NOW.plusNanos(987_654_321), 600, ONE_YEAR, CA_NOT_AFTER);

        assertEquals(NOW.minusSeconds(300), validity.notBefore());
        assertEquals(NOW.plusSeconds(600), validity.notAfter());
    }

    @Test
    void refusesToIssueFromAnExpiredCa() {
        assertThrows(IllegalStateException.class, () -> Validity.of(NOW, null, ONE_YEAR, NOW.minusSeconds(1)));
    }
}
