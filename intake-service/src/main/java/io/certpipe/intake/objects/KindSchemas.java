package io.certpipe.intake.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.Schema;

/**
 * The OpenAPI component schemas of declared kinds ({@link ApiResource#openApiSchemas()}), read from the classpath
 * with the shared metadata schemas beside them: one file per kind is the home of its shape, from which both the
 * OpenAPI documents and strict field validation are made.
 */
public final class KindSchemas {

    /** ObjectMeta and ListMeta, which every kind's schemas refer to. */
    static final String SHARED = "openapi/kinds/shared/meta.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KindSchemas() {
    }

    /** The component schemas of {@code resource}'s kind, and the shared ones, by component name. */
    public static ObjectNode componentsOf(ApiResource resource) {
        ObjectNode components = JSON.createObjectNode();
        components.setAll((ObjectNode) read(SHARED).path("schemas"));
        components.setAll((ObjectNode) read(resource.openApiSchemas()).path("schemas"));
        return components;
    }

    /** The field-validation shape of {@code resource}'s objects, derived from its OpenAPI schema. */
    public static Schema fieldsOf(ApiResource resource) {
        ObjectNode components = componentsOf(resource);
        return Schema.fromOpenApi(components, componentOf(components, resource));
    }

    /** The name of the component whose {@code x-kubernetes-group-version-kind} is {@code resource}'s kind. */
    public static String componentOf(ApiResource resource) {
        return componentOf(componentsOf(resource), resource);
    }

    static String componentOf(JsonNode components, ApiResource resource) {
        Iterator<Map.Entry<String, JsonNode>> fields = components.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> component = fields.next();
            for (JsonNode gvk : component.getValue().path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText().equals(resource.group())
                        && gvk.path("version").asText().equals(resource.version())
                        && gvk.path("kind").asText().equals(resource.kind())) {
                    return component.getKey();
                }
            }
        }
        throw new IllegalStateException(resource.openApiSchemas() + " has no schema of kind " + resource.kind());
    }

    static JsonNode read(String resource) {
        try (InputStream in = KindSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
