package io.certpipe.common.consumer;

import java.util.Locale;

/**
 * The failure a consumer hands the Kafka connector for a record it gives up on: the connector's dead-letter strategy
 * parks the record on the channel's dead-letter topic, with this message as its {@code dead-letter-reason} header and
 * the failure that stopped processing as {@code dead-letter-cause} and {@code dead-letter-cause-class-name}.
 */
public final class ParkedRecordException extends RuntimeException {

    /** Why a record is parked; its name in lower case is the metric's {@code reason} tag. */
    public enum Reason {
        /** Refused unread: not signed by its topic's publisher, or an event of another topic. */
        REJECTED,
        /** Signed by its publisher, yet not a certpipe event. */
        MALFORMED,
        /** An event whose processing failed for a reason that retrying cannot fix. */
        PERMANENT,
        /** An event whose processing kept failing for a transient reason until the retry bound. */
        RETRIES_EXHAUSTED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    ParkedRecordException(Reason reason, int attempts, Throwable cause) {
        super(reason.tag() + " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + cause, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
