package io.certpipe.kube;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The only place an error becomes a Kubernetes {@link Status}: intake's errors, JAX-RS' own, and the unexpected. */
public class StatusMapper {

    private static final Logger LOG = Logger.getLogger(StatusMapper.class);

    @ServerExceptionMapper
    public Response refusal(ApiException refusal) {
        return respond(refusal.toStatus());
    }

    /** Routing failures of the framework itself: no such path, method or media type. */
    @ServerExceptionMapper
    public Response httpFailure(WebApplicationException failure) {
        int code = failure.getResponse().getStatus();
        String message = code == 404 ? "the server could not find the requested resource"
                : failure.getMessage();
        return respond(ApiException.ofHttpStatus(code, message).toStatus());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException failure) {
        LOG.error("request failed unexpectedly", failure);
        return respond(ApiException.internalError("the request could not be completed; try again").toStatus());
    }

    private static Response respond(Status status) {
        return Response.status(status.code()).type(MediaType.APPLICATION_JSON_TYPE).entity(status).build();
    }
}
