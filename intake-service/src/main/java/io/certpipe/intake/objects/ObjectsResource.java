package io.certpipe.intake.objects;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.identity.Authentication;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.ListMeta;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Patch;
import io.certpipe.kube.PatchType;
import io.certpipe.kube.Patches;
import io.certpipe.kube.ProtobufEnvelope;
import io.certpipe.kube.RequestBodies;
import io.certpipe.kube.Table;
import io.certpipe.kube.Warnings;
import io.certpipe.kube.Yaml;
import io.certpipe.kube.storage.ApiObject;
import io.certpipe.kube.storage.ObjectStore;
import io.certpipe.kube.storage.WatchServer;
import io.certpipe.kube.storage.WatchStream;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Every kind of the generic store ({@link ServedKinds}), as kube-apiserver's generic registry serves any resource:
 * list and watch, create, get, replace, patch and delete, with dry runs and field validation. The authorisation filter
 * has already checked the verb; the kind's strategy defaults, validates and admits what is written. Paths the CSR
 * registry and the signer objects serve literally are more specific, so they never reach this class.
 */
@Path("/clusters/{cluster}")
public class ObjectsResource {

    /** Every resource class shares the cluster prefix, so routing never has to choose between class paths. */
    private static final String COLLECTION = "apis/{group}/{version}/{resource}";
    private static final String OBJECT = COLLECTION + "/{name}";

    private final ServedKinds kinds;
    private final ObjectStore store;
    private final WatchServer watches;
    private final Patches patches;
    private final ObjectMapper json;

    public ObjectsResource(ServedKinds kinds, ObjectStore store, WatchServer watches, Patches patches,
            ObjectMapper json) {
        this.kinds = kinds;
        this.store = store;
        this.watches = watches;
        this.patches = patches;
        this.json = json;
    }

    @GET
    @Path(COLLECTION)
    public <T extends ApiObject> Uni<Response> list(@RestPath String group, @RestPath String version,
            @RestPath String resource, @RestQuery String fieldSelector, @RestQuery String labelSelector,
            @RestQuery boolean watch, @RestQuery String resourceVersion, @RestQuery Long timeoutSeconds,
            @RestQuery boolean allowWatchBookmarks, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        ServedKind<T> kind = kinds.at(group, version, resource);
        String cluster = ClusterRouting.clusterOf(routing);
        Predicate<T> selected = kind.selector(fieldSelector, labelSelector);
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        if (watch) {
            WatchStream.Presentation<T> presentation = new WatchStream.Presentation<>(kind, kind.resource().kind(),
                    kind.resource().groupVersion(), object -> object,
                    (object, revision, now, shown) -> kind.table(List.of(object), revision, now, shown));
            return watches.serve(routing.request(), cluster, resourceVersion, presentation,
                            new WatchStream.Options<>(selected, Table.isRequestedBy(accept), include,
                                    allowWatchBookmarks, WatchStream.Options.timeout(timeoutSeconds)),
                            () -> store.list(cluster, kind), () -> store.currentRevision(cluster))
                    .map(ignored -> (Response) null);
        }
        return store.list(cluster, kind).map(listed -> {
            List<T> items = listed.items().stream().filter(selected).toList();
            if (Table.isRequestedBy(accept)) {
                return Response.ok(kind.table(items, listed.resourceVersion(), now(), include), Table.MEDIA_TYPE)
                        .build();
            }
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("kind", kind.resource().listKind());
            list.put("apiVersion", kind.resource().groupVersion());
            list.put("metadata", new ListMeta(String.valueOf(listed.resourceVersion())));
            list.put("items", items);
            return Response.ok(list, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @POST
    @Path(COLLECTION)
    public <T extends ApiObject> Uni<Response> create(@RestPath String group, @RestPath String version,
            @RestPath String resource, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        ServedKind<T> kind = kinds.at(group, version, resource);
        String cluster = ClusterRouting.clusterOf(routing);
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.CREATE, dryRunValues);
        RequestBodies.Decoded<T> submitted = decode(kind, contentType, fieldValidation, body);
        T object = admitted(kind, cluster, caller, kind.withMetadata(submitted.value(),
                metadataOf(submitted.value()).withGeneratedName()));
        return store.create(cluster, kind, object, dryRun)
                .map(created -> Warnings.add(Response.status(Response.Status.CREATED)
                        .type(MediaType.APPLICATION_JSON_TYPE).entity(created), submitted.warnings()).build());
    }

    @GET
    @Path(OBJECT)
    public <T extends ApiObject> Uni<Response> get(@RestPath String group, @RestPath String version,
            @RestPath String resource, @RestPath String name, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        ServedKind<T> kind = kinds.at(group, version, resource);
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        return store.get(ClusterRouting.clusterOf(routing), kind, name).map(object -> Table.isRequestedBy(accept)
                ? Response.ok(kind.table(List.of(object), kind.resourceVersionOf(object), now(), include),
                        Table.MEDIA_TYPE).build()
                : Response.ok(object, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @PUT
    @Path(OBJECT)
    public <T extends ApiObject> Uni<Response> replace(@RestPath String group, @RestPath String version,
            @RestPath String resource, @RestPath String name, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        ServedKind<T> kind = kinds.at(group, version, resource);
        String cluster = ClusterRouting.clusterOf(routing);
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.UPDATE, dryRunValues);
        RequestBodies.Decoded<T> submitted = decode(kind, contentType, fieldValidation, body);
        // A body without metadata names the object on the URL, as one with an empty name does.
        T replacement = submitted.value().metadata() == null
                ? kind.withMetadata(submitted.value(), ObjectMeta.none().withName(name)) : submitted.value();
        requireName(replacement, name);
        return store.update(cluster, kind, name, current -> admitted(kind, cluster, caller, replacement), dryRun)
                .map(replaced -> Warnings.add(Response.ok(replaced, MediaType.APPLICATION_JSON_TYPE),
                        submitted.warnings()).build());
    }

    /** JSON patches, merge and strategic merge patches ({@code kubectl patch}, {@code kubectl apply}). */
    @PATCH
    @Path(OBJECT)
    public <T extends ApiObject> Uni<Response> patch(@RestPath String group, @RestPath String version,
            @RestPath String resource, @RestPath String name, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        ServedKind<T> kind = kinds.at(group, version, resource);
        String cluster = ClusterRouting.clusterOf(routing);
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.PATCH, dryRunValues);
        Patch patch = patches.read(PatchType.of(contentType, kind.patchTypes()), body);
        FieldValidation validation = FieldValidation.of(fieldValidation);
        List<String> warnings = new ArrayList<>();
        return store.update(cluster, kind, name, current -> admitted(kind, cluster, caller,
                        patches.apply(patch, current, name, kind.type(), kind.resource().kind(), kind.schema(),
                                validation, warnings)), dryRun)
                .map(patched -> Warnings.add(Response.ok(patched, MediaType.APPLICATION_JSON_TYPE), warnings)
                        .build());
    }

    @DELETE
    @Path(OBJECT)
    public <T extends ApiObject> Uni<Response> delete(@RestPath String group, @RestPath String version,
            @RestPath String resource, @RestPath String name, @RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        ServedKind<T> kind = kinds.at(group, version, resource);
        DryRun dryRun = DryRun.ofDelete(dryRunValues, contentType, body, json);
        return store.delete(ClusterRouting.clusterOf(routing), kind, name, dryRun)
                .map(deleted -> Response.ok(deleted, MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** {@code object} defaulted, valid, and within what {@code caller} may write; validity is checked first. */
    private <T extends ApiObject> T admitted(ServedKind<T> kind, String cluster, UserInfo caller, T object) {
        T defaulted = kind.defaulted(object);
        kind.requireValid(defaulted, List.of());
        kind.admit(cluster, caller, defaulted);
        return defaulted;
    }

    private <T extends ApiObject> RequestBodies.Decoded<T> decode(ServedKind<T> kind, String contentType,
            String fieldValidation, byte[] body) {
        if (ProtobufEnvelope.isProtobuf(contentType)) {
            return new RequestBodies.Decoded<>(kind.decodeProtobuf(body), null, List.of());
        }
        return RequestBodies.decode(body, kind.type(), kind.resource().kind(), kind.schema(),
                FieldValidation.of(fieldValidation), Yaml.MAPPER, json);
    }

    private static ObjectMeta metadataOf(ApiObject object) {
        return object.metadata() == null ? ObjectMeta.none() : object.metadata();
    }

    private static void requireName(ApiObject object, String urlName) {
        ObjectMeta metadata = object.metadata();
        if (metadata != null && metadata.name() != null && !metadata.name().isEmpty()
                && !metadata.name().equals(urlName)) {
            throw ApiException.badRequest("the name of the object (" + metadata.name()
                    + ") does not match the name on the URL (" + urlName + ")");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
