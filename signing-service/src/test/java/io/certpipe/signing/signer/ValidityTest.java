package io.certpipe.signing.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ValidityTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant CA_NOT_BEFORE = NOW.minus(Duration.ofDays(1));
    private static final Instant CA_NOT_AFTER = NOW.plus(Duration.ofDays(3650));

    @Test
    void backdatesNotBeforeByFiveMinutes() {
        assertEquals(NOW.minusSeconds(300), of(NOW, Duration.ofHours(1)).notBefore());
    }

    @Test
    void keepsTheFullLifetimeWhenShorterThanEightHours() {
        assertEquals(NOW.plusSeconds(600), of(NOW, Duration.ofSeconds(600)).notAfter());
    }

    @Test
    void takesTheBackdateBackFromLongLifetimes() {
        assertEquals(NOW.plusSeconds(86_400 - 300), of(NOW, Duration.ofDays(1)).notAfter());
    }

    @Test
    void treatsExactlyEightHoursAsLongLived() {
        assertEquals(NOW.plus(Duration.ofHours(8)).minusSeconds(300), of(NOW, Duration.ofHours(8)).notAfter());
    }

    @Test
    void neverOutlivesTheCa() {
        Instant caNotAfter = NOW.plus(Duration.ofDays(10));

        assertEquals(caNotAfter, Validity.of(NOW, Duration.ofDays(365), CA_NOT_BEFORE, caNotAfter).notAfter());
    }

    /** A CA made a minute ago (as ./certpipe up does) must not issue certificates valid before itself. */
    @Test
    void neverStartsBeforeTheCaYetKeepsTheLifetime() {
        Instant caNotBefore = NOW.minusSeconds(60);

        Validity longLived = Validity.of(NOW, Duration.ofDays(1), caNotBefore, CA_NOT_AFTER);
        Validity shortLived = Validity.of(NOW, Duration.ofHours(1), caNotBefore, CA_NOT_AFTER);

        assertEquals(caNotBefore, longLived.notBefore());
        assertEquals(caNotBefore.plus(Duration.ofDays(1)), longLived.notAfter());
        assertEquals(caNotBefore, shortLived.notBefore());
        assertEquals(NOW.plus(Duration.ofHours(1)), shortLived.notAfter());
    }

    @Test
    void keepsWholeSecondsAsTheCertificateDoes() {
        Validity validity = of(NOW.plusNanos(987_654_321), Duration.ofSeconds(600));

        assertEquals(NOW.minusSeconds(300), validity.notBefore());
        assertEquals(NOW.plusSeconds(600), validity.notAfter());
    }

    @Test
    void refusesToIssueFromAnExpiredCa() {
        assertThrows(IllegalStateException.class,
                () -> Validity.of(NOW, Duration.ofDays(1), CA_NOT_BEFORE, NOW.minusSeconds(1)));
    }

    @Test
    void refusesToIssueFromACaNotYetValid() {
        assertThrows(IllegalStateException.class,
                () -> Validity.of(NOW, Duration.ofDays(1), NOW.plusSeconds(1), CA_NOT_AFTER));
    }

    private static Validity of(Instant signingTime, Duration lifetime) {
        return Validity.of(signingTime, lifetime, CA_NOT_BEFORE, CA_NOT_AFTER);
    }
}
