package io.certpipe.intake.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
 * OpenAPI v3, which kubectl's {@code create -f} and {@code apply -f} download first. The group document declares the
 * {@code fieldValidation} parameter on the {@code patch} operation, so kubectl leaves validation to the server.
 * {@code /openapi/v2} is not served; kubectl tolerates its 404.
 */
@Path("/clusters/{cluster}")
public class OpenApiResource {

    private static final byte[] CERTIFICATES_V1 = Documents.load("openapi/certificates.k8s.io-v1.json");
    private static final byte[] INDEX = index(CERTIFICATES_V1);

    private final Authorizer authorizer;

    public OpenApiResource(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @GET
    @Path("openapi/v3")
    public Response index(RoutingContext routing) {
        return serve(routing, "/openapi/v3", INDEX);
    }

    @GET
    @Path("openapi/v3/apis/certificates.k8s.io/v1")
    public Response certificatesV1(RoutingContext routing) {
        return serve(routing, "/openapi/v3/apis/certificates.k8s.io/v1", CERTIFICATES_V1);
    }

    private Response serve(RoutingContext routing, String path, byte[] document) {
        authorizer.authorize(Authentication.caller(routing), RequestAttributes.nonResource(Verbs.GET, path));
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The v3 index: one entry per group-version, its URL relative to the server and versioned by content hash. */
    private static byte[] index(byte[] certificatesV1) {
        String index = """
                {"paths":{"apis/certificates.k8s.io/v1":{"serverRelativeURL":\
                "/openapi/v3/apis/certificates.k8s.io/v1?hash=%s"}}}""".formatted(sha512(certificatesV1));
        return index.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha512(byte[] document) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-512", e);
        }
    }
}
