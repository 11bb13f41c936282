package io.certpipe.automation;

import java.util.Arrays;
import java.util.Optional;

/**
 * What intake tells a client about one of its requests, as the CloudEvents {@code type} of a reply. A request gets
 * {@code accepted} or {@code rejected} first; an accepted one then gets its outcome as it happens: {@code approved},
 * then {@code issued} or {@code failed}; or {@code denied}; and {@code expired} or {@code deleted} when it is gone.
 */
public enum ReplyType {
    ACCEPTED("accepted", false),
    REJECTED("rejected", true),
    APPROVED("approved", false),
    DENIED("denied", true),
    ISSUED("issued", true),
    FAILED("failed", true),
    EXPIRED("expired", true),
    DELETED("deleted", true);

    private static final String TYPE_PREFIX = "io.certpipe.automation.csr.";
    private static final String TYPE_SUFFIX = ".v1";

    private final String type;
    private final boolean last;

    ReplyType(String name, boolean last) {
        this.type = TYPE_PREFIX + name + TYPE_SUFFIX;
        this.last = last;
    }

    /** The CloudEvents {@code type}, e.g. {@code io.certpipe.automation.csr.issued.v1}. */
    public String type() {
        return type;
    }

    /** Whether the request is settled by this reply: a client waiting for a certificate stops waiting. */
    public boolean isLast() {
        return last;
    }

    public static Optional<ReplyType> fromType(String type) {
        return Arrays.stream(values()).filter(candidate -> candidate.type.equals(type)).findFirst();
    }
}
