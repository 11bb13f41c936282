package io.certpipe.automation.client;

import io.certpipe.automation.ReplyType;

/**
 * A request that ended without a certificate. Each subclass is one way it can end, and carries what intake's final
 * reply said; {@link #reply()} is that reply in full.
 */
public abstract sealed class RequestNotIssuedException extends Exception
        permits RequestRejectedException, RequestDeniedException, IssuanceFailedException, RequestGoneException {

    private final Reply reply;

    RequestNotIssuedException(Reply reply, String message) {
        super(message);
        this.reply = reply;
    }

    /** What a waiting caller is told when {@code reply}, a final reply other than issued, ends its request. */
    static RequestNotIssuedException of(Reply reply) {
        return switch (reply.type()) {
            case REJECTED -> new RequestRejectedException(reply);
            case DENIED -> new RequestDeniedException(reply);
            case FAILED -> new IssuanceFailedException(reply);
            case EXPIRED, DELETED -> new RequestGoneException(reply);
            case ACCEPTED, APPROVED, ISSUED -> throw new IllegalArgumentException(
                    reply.type().type() + " does not end a request without a certificate");
        };
    }

    public Reply reply() {
        return reply;
    }

    public String requestId() {
        return reply.requestId();
    }

    public ReplyType type() {
        return reply.type();
    }

    /** The machine-readable reason: the {@code Status} reason of a rejection, the condition's reason otherwise. */
    public abstract String reason();

    /** "request R (csr N in cluster C)": the part of every message that says which request it is about. */
    static String describe(Reply reply) {
        var data = reply.data();
        var csr = data.name() == null ? "" : " (csr " + data.name() + " in cluster " + data.cluster() + ")";
        return "request " + data.requestId() + csr;
    }
}
