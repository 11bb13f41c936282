package io.certpipe.intake.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.ApiException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestPath;

/**
 * OpenAPI v3, which kubectl's {@code create -f} and {@code apply -f} download first. Each group document declares the
 * {@code fieldValidation} parameter on its write operations, so kubectl leaves validation to the server.
 * {@code /openapi/v2} is not served; kubectl tolerates its 404.
 */
@Path("/clusters/{cluster}")
public class OpenApiResource {

    /** The group-versions with an OpenAPI document (those kubectl creates or applies objects of). */
    private static final Map<String, byte[]> DOCUMENTS = documents("certificates.k8s.io/v1",
            "rbac.authorization.k8s.io/v1");
    private static final byte[] INDEX = index();


    public OpenApiResource() {
    }

    @GET
    @Path("openapi/v3")
    public Response index(RoutingContext routing) {
        return serve(routing, "/openapi/v3", INDEX);
    }

    @GET
    @Path("openapi/v3/apis/{group}/{version}")
    public Response groupVersion(@RestPath String group, @RestPath String version, RoutingContext routing) {
        byte[] document = DOCUMENTS.get(group + "/" + version);
        if (document == null) {
            throw ApiException.pathNotFound("the server could not find the requested resource");
        }
        return serve(routing, "/openapi/v3/apis/" + group + "/" + version, document);
    }

    private Response serve(RoutingContext routing, String path, byte[] document) {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Map<String, byte[]> documents(String... groupVersions) {
        Map<String, byte[]> documents = new LinkedHashMap<>();
        for (String groupVersion : groupVersions) {
            documents.put(groupVersion, Documents.load("openapi/" + groupVersion.replace('/', '-') + ".json"));
        }
        return documents;
    }

    /** The v3 index: one entry per group-version, its URL relative to the server and versioned by content hash. */
    private static byte[] index() {
        String paths = DOCUMENTS.entrySet().stream()
                .map(entry -> "\"apis/%s\":{\"serverRelativeURL\":\"/openapi/v3/apis/%s?hash=%s\"}"
                        .formatted(entry.getKey(), entry.getKey(), sha512(entry.getValue())))
                .collect(Collectors.joining(","));
        return ("{\"paths\":{" + paths + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha512(byte[] document) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-512", e);
        }
    }
}
