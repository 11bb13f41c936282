package io.certpipe.automation.client;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * intake refused the request before creating anything, with the Kubernetes {@code Status} the API would have
 * answered: its HTTP {@code code} (400, 403, 404, 409, 413, 422), {@code reason} ({@code Invalid}, {@code Forbidden},
 * {@code Conflict}, ...), message and, in {@code details.causes}, which fields were wrong.
 */
public final class RequestRejectedException extends RequestNotIssuedException {

    RequestRejectedException(Reply reply) {
        super(reply, describe(reply) + " rejected: " + code(statusOf(reply)) + " " + reason(statusOf(reply)) + ": "
                + message(statusOf(reply)));
    }

    /** The whole Kubernetes {@code Status} object, {@code details.causes} included. */
    public ObjectNode status() {
        return statusOf(reply());
    }

    /** The HTTP status code the API would have answered. */
    public int code() {
        return code(status());
    }

    @Override
    public String reason() {
        return reason(status());
    }

    /** The {@code Status} message, as the API would have written it. */
    public String statusMessage() {
        return message(status());
    }

    /** A rejection without a {@code Status} breaks the contract, but still ends the request: read it as empty. */
    private static ObjectNode statusOf(Reply reply) {
        return Objects.requireNonNullElseGet(reply.data().status(), JsonNodeFactory.instance::objectNode);
    }

    private static int code(ObjectNode status) {
        return status.path("code").asInt();
    }

    private static String reason(ObjectNode status) {
        return status.path("reason").asText();
    }

    private static String message(ObjectNode status) {
        return status.path("message").asText();
    }
}
