package io.certpipe.kube;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose body is over {@link RequestLimits#maxBodySize()} as kube-apiserver does: 413 with a
 * {@code RequestEntityTooLarge} Status naming the limit, before the body is read. This runs ahead of JAX-RS, so the
 * Status is written here rather than by {@link StatusMapper}: Quarkus checks {@code quarkus.http.limits.max-body-size}
 * (the same limit, see application.properties) in a route of its own that would otherwise answer first, with an empty
 * 413 kubectl cannot explain, closing the connection under a client still sending (over HTTP/2 with a GOAWAY).
 * Quarkus' check still covers a body sent without a length (chunked), which only reading can measure.
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Quarkus' body-size route has order -2 ({@code HttpServerCommonHandlers.enforceMaxBodySize}). */
    private static final int BEFORE_QUARKUS_BODY_SIZE_CHECK = -3;

    private final long maxBodySize;
    private final ObjectMapper json;

    public RequestBodyLimit(RequestLimits limits, ObjectMapper json) {
        this.maxBodySize = limits.maxBodySize().asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_QUARKUS_BODY_SIZE_CHECK).handler(this::refuseOversizedBody);
    }

    private void refuseOversizedBody(RoutingContext routing) {
        if (declaredLength(routing) <= maxBodySize) {
            routing.next();
            return;
        }
        // The body is still read, and dropped: a client that writes all of it before reading the answer (the JDK's)
        // would otherwise get a broken pipe instead, and HTTP/1 keeps the connection usable for the next request.
        routing.request().handler(ignored -> { }).resume();
        routing.response().setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .end(statusJson());
    }

    /** The Content-Length the client declared; none (a chunked body) or a malformed one is left to Quarkus. */
    private static long declaredLength(RoutingContext routing) {
        String length = routing.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String statusJson() {
        try {
            return json.writeValueAsString(ApiException.requestEntityTooLarge("limit is " + maxBodySize).toStatus());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Status is always JSON", e);
        }
    }
}
