package io.certpipe.automation.client;

/** The request was approved but the signer did not issue, with the {@code Failed} condition's reason and message. */
public final class IssuanceFailedException extends RequestNotIssuedException {

    IssuanceFailedException(Reply reply) {
        super(reply, describe(reply) + " failed: " + reply.data().reason() + ": " + reply.data().message());
    }

    @Override
    public String reason() {
        return reply().data().reason();
    }
}
