package io.certpipe.automation.client;

import java.util.Locale;

/**
 * The request was removed before it had a certificate: it {@code expired} (its deadline passed while pending) or was
 * {@code deleted}. {@link #type()} says which.
 */
public final class RequestGoneException extends RequestNotIssuedException {

    RequestGoneException(Reply reply) {
        super(reply, describe(reply) + " " + reply.type().name().toLowerCase(Locale.ROOT) + ": "
                + reply.data().reason() + ": " + reply.data().message());
    }

    @Override
    public String reason() {
        return reply().data().reason();
    }
}
