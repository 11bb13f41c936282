package io.certpipe.intake.eventkeys;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.common.event.signature.TrustedKeys;
import io.certpipe.intake.rbac.Authorizer;
import io.certpipe.intake.rbac.RequestAttributes;
import io.certpipe.intake.rbac.Verbs;
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
    private final Authorizer authorizer;

    public EventSigningKeysResource(TrustedKeys trustedKeys, Authorizer authorizer) {
        this.trustedKeys = trustedKeys;
        this.authorizer = authorizer;
    }

    @GET
    @Path(PATH)
    public Response keys(RoutingContext routing) {
        authorizer.authorize(routing, RequestAttributes.nonResource(Verbs.GET, PATH));
        return Response.ok(Map.of("services", EventSigningKeys.byService(trustedKeys.current()).values()),
                MediaType.APPLICATION_JSON_TYPE).build();
    }
}
