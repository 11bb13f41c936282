package io.certpipe.intake.discovery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.Discovery;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code /version} and legacy discovery ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup},
 * {@code APIResourceList}); kubectl falls back to these when a server does not answer aggregated discovery. Groups
 * and resource lists are made from the declared resources ({@link ServedResources}).
 */
@Path("/clusters/{cluster}")
public class DiscoveryResource {

    private static final byte[] VERSION = Documents.load("discovery/version.json");
    private static final byte[] CORE_VERSIONS = Documents.load("discovery/api.json");
    private static final Discovery DISCOVERY = new Discovery(ServedResources.ALL);

    /** Kubernetes 1.32: kubectl's version dispatcher picks the matching client from this answer. */
    @GET
    @Path("version")
    public Response version() {
        return json(VERSION);
    }

    @GET
    @Path("api")
    public Response coreVersions() {
        return json(CORE_VERSIONS);
    }

    @GET
    @Path("api/v1")
    public Response coreV1() {
        return json(DISCOVERY.resourceList("v1"));
    }

    @GET
    @Path("apis")
    public Response groups() {
        return json(DISCOVERY.groupList());
    }

    @GET
    @Path("apis/{group}")
    public Response group(@RestPath String group) {
        return json(DISCOVERY.group(group));
    }

    @GET
    @Path("apis/{group}/{version}")
    public Response resources(@RestPath String group, @RestPath String version) {
        return json(DISCOVERY.resourceList(group + "/" + version));
    }

    /** A discovery document; none for what is not declared, which kube-apiserver answers 404. */
    private static Response json(Object document) {
        if (document == null) {
            throw ApiException.pathNotFound("the server could not find the requested resource");
        }
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
