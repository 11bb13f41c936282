package io.certpipe.signing.signer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The validity window of a certificate, computed as Kubernetes' signer does ({@code authority/policies.go}): backdated
 * five minutes against clock skew; a long-lived certificate lives exactly its lifetime from that start (so it gives
 * the five minutes back at its end), a short-lived one keeps its full lifetime from the moment it is signed. Never
 * outside the CA's own validity: a CA created a minute ago issues certificates valid from its own start.
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /** How far before "now" a certificate becomes valid, for clients whose clocks run slow. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    /** Below this lifetime the backdate is not taken back from the end: it would be a large share of a short life. */
    static final Duration SHORT_LIVED = Duration.ofHours(8);

    /**
     * @param signingTime when the certificate is signed
     * @param lifetime what the signer's policy grants the request
     * @param caNotBefore the start of the CA certificate's validity (whole seconds, as certificates hold it)
     * @param caNotAfter the end of the CA certificate's validity
     * @throws IllegalStateException when the CA is not valid at {@code signingTime}
     */
    public static Validity of(Instant signingTime, Duration lifetime, Instant caNotBefore, Instant caNotAfter) {
        // X.509 times have one-second precision: whole seconds keep the event's times equal to the certificate's.
        Instant now = signingTime.truncatedTo(ChronoUnit.SECONDS);
        if (!now.isBefore(caNotAfter) || now.isBefore(caNotBefore)) {
            throw new IllegalStateException("the CA certificate is not valid now (" + caNotBefore + " to "
                    + caNotAfter + ")");
        }
        Instant backdated = now.minus(BACKDATE);
        Instant notBefore = backdated.isBefore(caNotBefore) ? caNotBefore : backdated;
        // Long-lived: exactly the lifetime, from the (backdated) start. Short-lived: the full lifetime from now.
        Instant notAfter = lifetime.compareTo(SHORT_LIVED) < 0 ? now.plus(lifetime) : notBefore.plus(lifetime);
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter.truncatedTo(ChronoUnit.SECONDS);
        }
        return new Validity(notBefore, notAfter);
    }
}
