package io.certpipe.intake.rbac;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.ListMeta;
import io.certpipe.kube.Patch;
import io.certpipe.kube.PatchType;
import io.certpipe.kube.Patches;
import io.certpipe.kube.ProtobufEnvelope;
import io.certpipe.kube.RequestBodies;
import io.certpipe.kube.Table;
import io.certpipe.kube.Warnings;
import io.certpipe.kube.Yaml;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.certpipe.intake.identity.Authentication;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code rbac.authorization.k8s.io/v1} ClusterRoles and ClusterRoleBindings of a cluster, so an administrator manages
 * who may do what with {@code kubectl apply -f}, {@code get}, {@code create clusterrolebinding} and {@code delete}.
 */
@Path("/clusters/{cluster}")
public class RbacResource {

    /** Every resource class shares the cluster prefix, so routing never has to choose between class paths. */
    private static final String COLLECTION = "apis/" + RbacApi.GROUP_VERSION + "/{resource}";
    private static final String OBJECT = COLLECTION + "/{name}";

    private final RbacService rbac;
    private final Patches patches;
    private final ObjectMapper json;

    public RbacResource(RbacService rbac, Patches patches, ObjectMapper json) {
        this.rbac = rbac;
        this.patches = patches;
        this.json = json;
    }

    @GET
    @Path(COLLECTION)
    public Uni<Response> list(@RestPath String resource, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        RbacApi.Kind kind = kindOf(resource);
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        return rbac.list(ClusterRouting.clusterOf(routing), kind).map(objects -> {
            if (Table.isRequestedBy(accept)) {
                return Response.ok(RbacTable.render(kind, objects, now(), include), Table.MEDIA_TYPE).build();
            }
            long revision = objects.stream().mapToLong(o -> Long.parseLong(o.metadata().resourceVersion()))
                    .max().orElse(0);
            Map<String, Object> list = Map.of("kind", kind.kind() + "List", "apiVersion", RbacApi.GROUP_VERSION,
                    "metadata", new ListMeta(String.valueOf(revision)), "items", objects);
            return Response.ok(list, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @POST
    @Path(COLLECTION)
    public Uni<Response> create(@RestPath String resource, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        RbacApi.Kind kind = kindOf(resource);
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.CREATE, dryRunValues);
        var submitted = decode(kind, contentType, fieldValidation, body);
        return rbac.create(ClusterRouting.clusterOf(routing), caller, submitted.value(), dryRun)
                .map(created -> Warnings.add(Response.status(Response.Status.CREATED)
                        .type(MediaType.APPLICATION_JSON_TYPE).entity(created), submitted.warnings()).build());
    }

    @GET
    @Path(OBJECT)
    public Uni<Response> get(@RestPath String resource, @RestPath String name, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        RbacApi.Kind kind = kindOf(resource);
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        return rbac.get(ClusterRouting.clusterOf(routing), kind, name).map(object -> Table.isRequestedBy(accept)
                ? Response.ok(RbacTable.render(kind, List.of(object), now(), include), Table.MEDIA_TYPE).build()
                : Response.ok(object, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @PUT
    @Path(OBJECT)
    public Uni<Response> replace(@RestPath String resource, @RestPath String name, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        RbacApi.Kind kind = kindOf(resource);
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.UPDATE, dryRunValues);
        var submitted = decode(kind, contentType, fieldValidation, body);
        return rbac.replace(ClusterRouting.clusterOf(routing), caller, kind, name, submitted.value(), dryRun)
                .map(replaced -> Warnings.add(Response.ok(replaced, MediaType.APPLICATION_JSON_TYPE),
                        submitted.warnings()).build());
    }

    /** JSON patches, merge and strategic merge patches ({@code kubectl patch}, {@code kubectl apply}). */
    @PATCH
    @Path(OBJECT)
    public Uni<Response> patch(@RestPath String resource, @RestPath String name, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        RbacApi.Kind kind = kindOf(resource);
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.PATCH, dryRunValues);
        Patch patch = patches.read(PatchType.of(contentType, Patches.UPDATES), body);
        List<String> warnings = new ArrayList<>();
        return rbac.patch(ClusterRouting.clusterOf(routing), caller, kind, name, patch,
                        FieldValidation.of(fieldValidation), warnings, dryRun)
                .map(patched -> Warnings.add(Response.ok(patched, MediaType.APPLICATION_JSON_TYPE), warnings)
                        .build());
    }

    @DELETE
    @Path(OBJECT)
    public Uni<Response> delete(@RestPath String resource, @RestPath String name,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        RbacApi.Kind kind = kindOf(resource);
        DryRun dryRun = DryRun.ofDelete(dryRunValues, contentType, body, json);
        return rbac.delete(ClusterRouting.clusterOf(routing), kind, name, dryRun)
                .map(deleted -> Response.ok(deleted, MediaType.APPLICATION_JSON_TYPE).build());
    }

    private RequestBodies.Decoded<? extends RbacObject> decode(RbacApi.Kind kind, String contentType,
            String fieldValidation, byte[] body) {
        if (ProtobufEnvelope.isProtobuf(contentType)) {
            return new RequestBodies.Decoded<>(RbacProtobuf.decode(kind, body), null, List.of());
        }
        return RequestBodies.decode(body, kind.type(), kind.kind(), RbacSchema.of(kind),
                FieldValidation.of(fieldValidation), Yaml.MAPPER, json);
    }


    private static RbacApi.Kind kindOf(String resource) {
        RbacApi.Kind kind = RbacApi.Kind.ofResource(resource);
        if (kind == null) {
            throw ApiException.pathNotFound("the server could not find the requested resource");
        }
        return kind;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
