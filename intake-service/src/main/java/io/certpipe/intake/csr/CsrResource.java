package io.certpipe.intake.csr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.identity.Authentication;
import io.certpipe.intake.identity.Authorizer;
import io.certpipe.intake.identity.RequestAttributes;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.intake.identity.Verbs;
import io.certpipe.intake.kube.RequestBodies;
import io.certpipe.intake.kube.Table;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /clusters/{cluster}/apis/certificates.k8s.io/v1/certificatesigningrequests}: authorise, map, and hand each
 * change to {@link CsrStore}. Answers JSON, or a Table when the caller asks for one as kubectl's {@code get} does.
 */
@Path("/clusters/{cluster}")
public class CsrResource {

    /** Every resource class shares the cluster prefix, so routing never has to choose between class paths. */
    private static final String COLLECTION = "apis/" + CsrApi.GROUP_VERSION + "/" + CsrApi.RESOURCE;
    private static final String OBJECT = COLLECTION + "/{name}";

    private final CsrStore store;
    private final CsrWatches watches;
    private final Authorizer authorizer;
    private final ObjectMapper json;

    public CsrResource(CsrStore store, CsrWatches watches, Authorizer authorizer, ObjectMapper json) {
        this.store = store;
        this.watches = watches;
        this.authorizer = authorizer;
        this.json = json;
    }

    @GET
    @Path(COLLECTION)
    public Uni<Response> list(@RestPath String cluster, @RestQuery String fieldSelector,
            @RestQuery String labelSelector, @RestQuery boolean watch, @RestQuery String resourceVersion,
            @RestQuery Long timeoutSeconds, @RestQuery boolean allowWatchBookmarks,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        authorize(routing, watch ? Verbs.WATCH : Verbs.LIST, null, null);
        Predicate<StoredCsr> selected = CsrSelector.of(fieldSelector, labelSelector);
        if (watch) {
            return watch(routing, cluster, resourceVersion, new CsrWatchStream.Options(selected,
                    Table.isRequestedBy(accept), allowWatchBookmarks, CsrWatchStream.Options.timeout(timeoutSeconds)));
        }
        return store.list(cluster).map(page -> {
            List<StoredCsr> items = page.items().stream().filter(selected).toList();
            if (Table.isRequestedBy(accept)) {
                return table(CsrTable.render(items, page.resourceVersion(), now()));
            }
            return ok(CertificateSigningRequestList.of(
                    items.stream().map(CsrRepresentation::toWire).toList(), page.resourceVersion()));
        });
    }

    @POST
    @Path(COLLECTION)
    public Uni<Response> create(@RestPath String cluster, RoutingContext routing, byte[] body) {
        UserInfo caller = authorize(routing, Verbs.CREATE, null, null);
        CertificateSigningRequest submitted = RequestBodies.parse(body, CertificateSigningRequest.class,
                CsrApi.KIND, json);
        StoredCsr proposed = CsrCreation.validate(cluster, submitted, caller, now());
        return store.apply(new CsrLookup.ByName(cluster, proposed.name()),
                        new CsrChange.Create(proposed, caller.toActor()))
                .map(created -> Response.status(Response.Status.CREATED)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(CsrRepresentation.toWire(created))
                        .build());
    }

    @GET
    @Path(OBJECT)
    public Uni<Response> get(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        authorize(routing, Verbs.GET, null, name);
        return read(cluster, name, accept);
    }

    @GET
    @Path(OBJECT + "/" + CsrApi.APPROVAL)
    public Uni<Response> getApproval(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        authorize(routing, Verbs.GET, CsrApi.APPROVAL, name);
        return read(cluster, name, accept);
    }

    @GET
    @Path(OBJECT + "/" + CsrApi.STATUS)
    public Uni<Response> getStatus(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        authorize(routing, Verbs.GET, CsrApi.STATUS, name);
        return read(cluster, name, accept);
    }

    @DELETE
    @Path(OBJECT)
    public Uni<Response> delete(@RestPath String cluster, @RestPath String name, RoutingContext routing) {
        UserInfo caller = authorize(routing, Verbs.DELETE, null, name);
        return store.apply(new CsrLookup.ByName(cluster, name), new CsrChange.Delete(caller.toActor(), null, null))
                .map(deleted -> ok(CsrRepresentation.toWire(deleted)));
    }

    @PATCH
    @Path(OBJECT)
    public Uni<Response> patch(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        authorize(routing, Verbs.PATCH, null, name);
        JsonNode patch = MergePatch.parse(contentType, body, json);
        return store.apply(new CsrLookup.ByName(cluster, name),
                        new CsrChange.Patch(current -> MergePatch.apply(current, patch, json)))
                .map(patched -> ok(CsrRepresentation.toWire(patched)));
    }

    @PUT
    @Path(OBJECT + "/" + CsrApi.APPROVAL)
    public Uni<Response> updateApproval(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        UserInfo caller = authorize(routing, Verbs.UPDATE, CsrApi.APPROVAL, name);
        ApprovalBody approval = ApprovalBody.decode(contentType, body, json).requireName(name);
        return store.apply(new CsrLookup.ByName(cluster, name),
                        new CsrChange.ApprovalUpdate(approval.resourceVersion(), approval.conditions(),
                                caller.toActor()))
                .map(updated -> ok(CsrRepresentation.toWire(updated)));
    }

    /**
     * Streams changes. Without a resourceVersion (or "0") the stream starts with every current request as ADDED,
     * like kube-apiserver; otherwise with the logged changes after that revision. The transport (a chunked response,
     * or a WebSocket for clients that ask for one) is opened here, before anything is read; from then on the stream
     * writes everything itself, so nothing is left for JAX-RS to send.
     */
    private Uni<Response> watch(RoutingContext routing, String cluster, String resourceVersion,
            CsrWatchStream.Options options) {
        boolean fromNow = resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
        Uni<CsrWatchStream.Start> start;
        if (fromNow) {
            start = store.list(cluster).map(page -> new CsrWatchStream.Start(page.items(), page.resourceVersion(),
                    page.resourceVersion()));
        } else {
            long since = CsrWatchStream.sinceRevision(resourceVersion);
            start = store.currentRevision(cluster).map(current -> new CsrWatchStream.Start(List.of(), since, current));
        }
        Context context = Vertx.currentContext();
        String contentType = options.asTable() ? Table.MEDIA_TYPE : MediaType.APPLICATION_JSON;
        return WatchTransport.open(routing.request(), contentType)
                .chain(transport -> new CsrWatchStream(transport, context, json, options, watches.bookmarkInterval())
                        .run((since, current, watcher) -> watches.subscribe(cluster, since, current, watcher), start))
                .map(ignored -> (Response) null);
    }

    private Uni<Response> read(String cluster, String name, String accept) {
        return store.get(cluster, name).map(csr -> Table.isRequestedBy(accept)
                ? table(CsrTable.render(List.of(csr), csr.resourceVersion(), now()))
                : ok(CsrRepresentation.toWire(csr)));
    }

    private UserInfo authorize(RoutingContext routing, String verb, String subresource, String name) {
        UserInfo caller = Authentication.caller(routing);
        authorizer.authorize(caller, RequestAttributes.resource(verb, CsrApi.GROUP, CsrApi.RESOURCE, subresource,
                name));
        return caller;
    }

    private static Response ok(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response table(Table table) {
        return Response.ok(table, Table.MEDIA_TYPE).build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
