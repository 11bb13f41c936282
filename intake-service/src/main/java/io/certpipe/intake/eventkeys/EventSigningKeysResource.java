package io.certpipe.intake.eventkeys;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.common.event.signature.TrustedKeys;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /clusters/<cluster>/event-signing-keys}: the public keys each publishing service signs its events with,
 * for anyone who verifies certpipe's Kafka records (docs/events.md, Signatures). Every authenticated user may read it
 * ({@code certpipe:signer-reader}); the keys are the same for every cluster, since the bus is one.
 */
@Path("/clusters/{cluster}")
public class EventSigningKeysResource {

    public static final String PATH = "/event-signing-keys";

    private final TrustedKeys trustedKeys;

    public EventSigningKeysResource(TrustedKeys trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    @GET
    @Path(PATH)
    public Response keys(RoutingContext routing) {
        return Response.ok(Map.of("services", EventSigningKeys.byService(trustedKeys.current()).values()),
                MediaType.APPLICATION_JSON_TYPE).build();
    }
}
