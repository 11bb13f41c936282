package io.certpipe.intake.discovery;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.intake.identity.Authentication;
import io.certpipe.intake.identity.Authorizer;
import io.certpipe.intake.identity.RequestAttributes;
import io.certpipe.intake.identity.Verbs;
import io.vertx.ext.web.RoutingContext;

/**
 * Core {@code v1} Events, which {@code kubectl describe} looks up for every object. certpipe records no Events yet,
 * so every selector finds none and kubectl prints {@code Events: <none>}.
 */
@Path("/clusters/{cluster}")
public class EventsResource {

    private static final Map<String, Object> EMPTY_EVENT_LIST = Map.of("kind", "EventList", "apiVersion", "v1",
            "metadata", Map.of(), "items", List.of());

    private final Authorizer authorizer;

    public EventsResource(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @GET
    @Path("api/v1/events")
    public Response allEvents(RoutingContext routing) {
        return list(routing);
    }

    @GET
    @Path("api/v1/namespaces/{namespace}/events")
    public Response namespacedEvents(RoutingContext routing) {
        return list(routing);
    }

    private Response list(RoutingContext routing) {
        authorizer.authorize(Authentication.caller(routing),
                RequestAttributes.resource(Verbs.LIST, "", "events", null, null));
        return Response.ok(EMPTY_EVENT_LIST, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
