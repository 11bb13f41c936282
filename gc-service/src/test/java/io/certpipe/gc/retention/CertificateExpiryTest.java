package io.certpipe.gc.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

    @Test
    void readsNotAfterOfTheCertificate() {
        Instant notAfter = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        assertEquals(notAfter, CertificateExpiry.earliestNotAfter(TestCertificates.pemValidUntil(notAfter))
                .orElseThrow());
    }

    @Test
    void takesTheEarliestNotAfterOfAChain() {
        Instant leaf = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant ca = leaf.minus(1, ChronoUnit.HOURS);
        String chain = TestCertificates.pemValidUntil(leaf) + TestCertificates.pemValidUntil(ca);

        assertEquals(ca, CertificateExpiry.earliestNotAfter(chain).orElseThrow());
    }

    @Test
    void ignoresUnreadableCertificate() {
        assertTrue(CertificateExpiry.earliestNotAfter("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                .isEmpty());
    }
}
