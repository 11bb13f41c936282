package io.certpipe.intake.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.objects.KindSchemas;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.OpenApiDocument;
import org.jboss.resteasy.reactive.RestPath;

/**
 * OpenAPI v3, which kubectl's {@code create -f}, {@code apply -f} and {@code explain} download first: one document per
 * group-version with a resource kubectl writes (one whose declaration names its schemas), made from the declarations.
 * {@code /openapi/v2} is not served; kubectl tolerates its 404.
 */
@Path("/clusters/{cluster}")
public class OpenApiResource {

    private static final Map<String, byte[]> DOCUMENTS = documents();
    private static final byte[] INDEX = index();

    @GET
    @Path("openapi/v3")
    public Response openApiIndex() {
        return Response.ok(INDEX, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("openapi/v3/apis/{group}/{version}")
    public Response groupVersion(@RestPath String group, @RestPath String version) {
        byte[] document = DOCUMENTS.get(group + "/" + version);
        if (document == null) {
            throw ApiException.pathNotFound("the server could not find the requested resource");
        }
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Map<String, byte[]> documents() {
        Map<String, List<ApiResource>> byGroupVersion = ServedResources.ALL.stream()
                .filter(resource -> resource.openApiSchemas() != null)
                .collect(Collectors.groupingBy(ApiResource::groupVersion, LinkedHashMap::new, Collectors.toList()));
        ObjectMapper json = new ObjectMapper();
        Map<String, byte[]> documents = new LinkedHashMap<>();
        byGroupVersion.forEach((groupVersion, resources) -> {
            try {
                documents.put(groupVersion, json.writeValueAsBytes(OpenApiDocument.of(groupVersion, resources,
                        KindSchemas::componentsOf, KindSchemas::componentOf)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the OpenAPI document of " + groupVersion, e);
            }
        });
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
