package io.certpipe.intake.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.ApiException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code /version} and legacy discovery ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup},
 * {@code APIResourceList}); kubectl falls back to these when a server does not answer aggregated discovery. The
 * group documents are built from {@link #GROUP_VERSIONS}; each group-version's resources are a fixed document.
 */
@Path("/clusters/{cluster}")
public class DiscoveryResource {

    /** Every API group-version served, a group's preferred version first, in the order kubectl lists them. */
    static final List<String> GROUP_VERSIONS = List.of("certificates.k8s.io/v1", "certificates.k8s.io/v1alpha1",
            "authentication.k8s.io/v1", "authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1", "certpipe.io/v1");

    private static final byte[] VERSION = Documents.load("discovery/version.json");
    private static final byte[] CORE_VERSIONS = Documents.load("discovery/api.json");
    private static final byte[] CORE_V1 = Documents.load("discovery/api-v1.json");
    private static final Map<String, byte[]> RESOURCES = resourceLists();


    public DiscoveryResource() {
    }

    /** Kubernetes 1.32: kubectl's version dispatcher picks the matching client from this answer. */
    @GET
    @Path("version")
    public Response version(RoutingContext routing) {
        return serve(routing, "/version", VERSION);
    }

    @GET
    @Path("api")
    public Response coreVersions(RoutingContext routing) {
        return serve(routing, "/api", CORE_VERSIONS);
    }

    @GET
    @Path("api/v1")
    public Response coreV1(RoutingContext routing) {
        return serve(routing, "/api/v1", CORE_V1);
    }

    @GET
    @Path("apis")
    public Response groups(RoutingContext routing) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        list.put("groups", GROUP_VERSIONS.stream().map(DiscoveryResource::groupOf).distinct()
                .map(DiscoveryResource::group).toList());
        return Response.ok(list, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("apis/{group}")
    public Response group(@RestPath String group, RoutingContext routing) {
        if (GROUP_VERSIONS.stream().map(DiscoveryResource::groupOf).noneMatch(group::equals)) {
            throw ApiException.pathNotFound("the server could not find the requested resource");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "APIGroup");
        document.put("apiVersion", "v1");
        document.putAll(group(group));
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("apis/{group}/{version}")
    public Response resources(@RestPath String group, @RestPath String version, RoutingContext routing) {
        String groupVersion = group + "/" + version;
        byte[] document = RESOURCES.get(groupVersion);
        if (document == null) {
            throw ApiException.pathNotFound("the server could not find the requested resource");
        }
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** An {@code APIGroup} body: its versions, the first listed the preferred one. */
    private static Map<String, Object> group(String name) {
        List<Map<String, String>> versions = GROUP_VERSIONS.stream()
                .filter(groupVersion -> groupOf(groupVersion).equals(name))
                .map(groupVersion -> Map.of("groupVersion", groupVersion, "version",
                        groupVersion.substring(name.length() + 1)))
                .toList();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("versions", versions);
        group.put("preferredVersion", versions.getFirst());
        return group;
    }

    private static String groupOf(String groupVersion) {
        return groupVersion.substring(0, groupVersion.indexOf('/'));
    }

    private static Map<String, byte[]> resourceLists() {
        Map<String, byte[]> lists = new LinkedHashMap<>();
        for (String groupVersion : GROUP_VERSIONS) {
            lists.put(groupVersion, Documents.load("discovery/" + groupVersion.replace('/', '-') + ".json"));
        }
        return lists;
    }

    private Response serve(RoutingContext routing, String path, byte[] document) {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private void authorize(RoutingContext routing, String path) {
    }
}
