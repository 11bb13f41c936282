package io.certpipe.intake.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.Verbs;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.FieldSelector;
import io.certpipe.kube.LabelSelector;
import io.certpipe.kube.Table;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Core {@code v1} Events: the history of each request, which {@code kubectl describe csr} lists under "Events:"
 * (it asks {@code /api/v1/events} with an {@code involvedObject} field selector) and {@code kubectl get events} shows.
 */
@Path("/clusters/{cluster}")
public class EventsResource {

    /** Core events, listed only; kubectl asks for them across namespaces and in the default one. */
    public static final ApiResource DECLARATION = new ApiResource("", "v1", "Event", "events", "event",
            List.of("ev"), List.of(Verbs.LIST), true, List.of(), false);
    private static final String INVOLVED_NAME = "involvedObject.name";
    private static final Map<String, Function<KubeEvent, List<String>>> FIELDS = Map.of(
            INVOLVED_NAME, event -> List.of(event.involvedObject().name()),
            "involvedObject.uid", event -> List.of(event.involvedObject().uid()),
            "involvedObject.kind", event -> List.of(event.involvedObject().kind()),
            "involvedObject.apiVersion", event -> List.of(event.involvedObject().apiVersion()),
            "involvedObject.namespace", event -> List.of(""),
            "metadata.name", event -> List.of(event.metadata().name()),
            "metadata.namespace", event -> List.of(event.metadata().namespace()),
            "reason", event -> List.of(event.reason()),
            "type", event -> List.of(event.type()),
            "source", event -> List.of(event.source().component()));

    private final RequestHistory history;

    public EventsResource(RequestHistory history) {
        this.history = history;
    }

    @GET
    @Path("api/v1/events")
    public Uni<Response> allEvents(@RestPath String cluster, @RestQuery String fieldSelector,
            @RestQuery String labelSelector, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        return list(routing, cluster, fieldSelector, labelSelector, includeObject, accept);
    }

    @GET
    @Path("api/v1/namespaces/{namespace}/events")
    public Uni<Response> namespacedEvents(@RestPath String cluster, @RestPath String namespace,
            @RestQuery String fieldSelector, @RestQuery String labelSelector, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        String inNamespace = "metadata.namespace=" + namespace;
        String selector = fieldSelector == null || fieldSelector.isBlank() ? inNamespace
                : fieldSelector + "," + inNamespace;
        return list(routing, cluster, selector, labelSelector, includeObject, accept);
    }

    private Uni<Response> list(RoutingContext routing, String cluster, String fieldSelector, String labelSelector,
            String includeObject, String accept) {
        Predicate<KubeEvent> selected = FieldSelector.parse(fieldSelector, FIELDS)
                .and(LabelSelector.parse(labelSelector, event -> Map.of()));
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        return history.list(cluster, FieldSelector.requiredValue(fieldSelector, INVOLVED_NAME), selected)
                .map(events -> {
                    if (Table.isRequestedBy(accept)) {
                        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                        return Response.ok(EventTable.render(events, now, include), Table.MEDIA_TYPE).build();
                    }
                    Map<String, Object> list = Map.of("kind", "EventList", "apiVersion", "v1", "metadata", Map.of(),
                            "items", events);
                    return Response.ok(list, MediaType.APPLICATION_JSON_TYPE).build();
                });
    }
}
