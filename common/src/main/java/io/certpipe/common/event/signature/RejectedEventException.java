package io.certpipe.common.event.signature;

import java.util.Locale;

/**
 * A record refused because nothing shows that its topic's publisher sent it as it is. Final: the same record is refused
 * again on every attempt, so it is parked at once and never retried.
 */
public final class RejectedEventException extends RuntimeException {

    /** Why a record is refused; its name in lower case is the metric's {@code reason} tag. */
    public enum Reason {
        /** No signature headers. */
        UNSIGNED,
        /** Signed with a key id no trusted key has, even after reading the trusted keys again. */
        UNKNOWN_KEY,
        /** The signature does not verify over the record's value under the key it names. */
        BAD_SIGNATURE,
        /** Signed with a trusted key of another service than the one that publishes on the topic. */
        WRONG_PUBLISHER,
        /** Verified, but an event of a type that travels on another topic. */
        WRONG_TOPIC;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public RejectedEventException(Reason reason, String detail) {
        super(reason.tag() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
