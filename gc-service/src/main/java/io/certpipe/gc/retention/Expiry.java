package io.certpipe.gc.retention;

import java.time.Instant;

/** When a request expires, and by which rule. */
public record Expiry(ExpiryRule rule, Instant deadline) {

    /** Due strictly after the deadline, as Kubernetes' {@code isOlderThan} and {@code isIssuedExpired} count it. */
    public boolean isDue(Instant now) {
        return now.isAfter(deadline);
    }

    public String message() {
        return "The request is " + rule.description() + "; its deadline was " + deadline + ".";
    }
}
