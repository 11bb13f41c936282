package io.certpipe.automation.client;

/** The request was denied, by a policy or by a person, with the {@code Denied} condition's reason and message. */
public final class RequestDeniedException extends RequestNotIssuedException {

    RequestDeniedException(Reply reply) {
        super(reply, describe(reply) + " denied: " + reply.data().reason() + ": " + reply.data().message());
    }

    @Override
    public String reason() {
        return reply().data().reason();
    }
}
