package io.certpipe.signing.issue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The validity window of a certificate, computed as Kubernetes' signer does ({@code authority/policies.go}): backdated
 * five minutes against clock skew; a long-lived certificate gives those five minutes back at its end, a short-lived
 * one keeps its full requested lifetime; never beyond the CA's own notAfter.
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /** How far before "now" a certificate becomes valid, for clients whose clocks run slow. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    /** Below this lifetime the backdate is not taken back from the end: it would be a large share of a short life. */
    static final Duration SHORT_LIVED = Duration.ofHours(8);

    /**
     * @param signingTime when the certificate is signed
     * @param expirationSeconds {@code spec.expirationSeconds}, or null when the request did not ask
     * @param maxLifetime the signer's longest lifetime
     * @param caNotAfter the end of the CA certificate's validity
     */
    public static Validity of(Instant signingTime, Integer expirationSeconds, Duration maxLifetime,
            Instant caNotAfter) {
        // X.509 times have one-second precision: whole seconds keep the event's times equal to the certificate's.
        Instant now = signingTime.truncatedTo(ChronoUnit.SECONDS);
        if (!now.isBefore(caNotAfter)) {
            throw new IllegalStateException("the CA certificate expired at " + caNotAfter);
        }
        Duration ttl = maxLifetime;
        if (expirationSeconds != null && Duration.ofSeconds(expirationSeconds).compareTo(maxLifetime) < 0) {
            ttl = Duration.ofSeconds(expirationSeconds);
        }
        Instant notAfter = ttl.compareTo(SHORT_LIVED) < 0 ? now.plus(ttl) : now.plus(ttl).minus(BACKDATE);
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter.truncatedTo(ChronoUnit.SECONDS);
        }
        return new Validity(now.minus(BACKDATE), notAfter);
    }
}
