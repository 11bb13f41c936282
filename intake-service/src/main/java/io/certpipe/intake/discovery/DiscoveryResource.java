package io.certpipe.intake.discovery;

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
 * {@code /version} and legacy discovery ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList}); kubectl
 * falls back to these when a server does not answer aggregated discovery. Open to every authenticated user.
 */
@Path("/clusters/{cluster}")
public class DiscoveryResource {

    private static final byte[] VERSION = Documents.load("discovery/version.json");
    private static final byte[] CORE_VERSIONS = Documents.load("discovery/api.json");
    private static final byte[] CORE_V1 = Documents.load("discovery/api-v1.json");
    private static final byte[] GROUPS = Documents.load("discovery/apis.json");
    private static final byte[] CERTIFICATES = Documents.load("discovery/certificates.k8s.io.json");
    private static final byte[] CERTIFICATES_V1 = Documents.load("discovery/certificates.k8s.io-v1.json");
    private static final byte[] AUTHENTICATION = Documents.load("discovery/authentication.k8s.io.json");
    private static final byte[] AUTHENTICATION_V1 = Documents.load("discovery/authentication.k8s.io-v1.json");

    private final Authorizer authorizer;

    public DiscoveryResource(Authorizer authorizer) {
        this.authorizer = authorizer;
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
        return serve(routing, "/apis", GROUPS);
    }

    @GET
    @Path("apis/certificates.k8s.io")
    public Response certificates(RoutingContext routing) {
        return serve(routing, "/apis/certificates.k8s.io", CERTIFICATES);
    }

    @GET
    @Path("apis/certificates.k8s.io/v1")
    public Response certificatesV1(RoutingContext routing) {
        return serve(routing, "/apis/certificates.k8s.io/v1", CERTIFICATES_V1);
    }

    @GET
    @Path("apis/authentication.k8s.io")
    public Response authentication(RoutingContext routing) {
        return serve(routing, "/apis/authentication.k8s.io", AUTHENTICATION);
    }

    @GET
    @Path("apis/authentication.k8s.io/v1")
    public Response authenticationV1(RoutingContext routing) {
        return serve(routing, "/apis/authentication.k8s.io/v1", AUTHENTICATION_V1);
    }

    private Response serve(RoutingContext routing, String path, byte[] document) {
        authorizer.authorize(Authentication.caller(routing), RequestAttributes.nonResource(Verbs.GET, path));
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
