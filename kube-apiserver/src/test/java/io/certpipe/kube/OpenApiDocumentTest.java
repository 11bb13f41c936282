package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiResource WIDGETS = new ApiResource("example.com", "v1", "Widget", "widgets", "widget",
            List.of(), List.of(Verbs.CREATE, Verbs.DELETE, Verbs.GET, Verbs.LIST, Verbs.PATCH, Verbs.UPDATE), false,
            List.of(new ApiResource.Subresource("status", List.of(Verbs.GET, Verbs.UPDATE))), true);

    @Test
    void everyWriteDeclaresFieldValidationSoKubectlLeavesItToTheServer() {
        JsonNode paths = document(components(true)).path("paths");

        for (JsonNode write : List.of(paths.path("/apis/example.com/v1/widgets").path("post"),
                paths.path("/apis/example.com/v1/widgets/{name}").path("put"),
                paths.path("/apis/example.com/v1/widgets/{name}").path("patch"))) {
            assertTrue(write.path("parameters").findValuesAsText("name").contains("fieldValidation"), write.toString());
        }
    }

    @Test
    void operationsNameTheirKindAndTheKindsSchemasAreIncluded() {
        JsonNode document = document(components(true));

        JsonNode read = document.path("paths").path("/apis/example.com/v1/widgets/{name}").path("get");
        assertEquals("readExampleComV1Widget", read.path("operationId").asText());
        assertEquals("Widget", read.path("x-kubernetes-group-version-kind").path("kind").asText());
        assertEquals("#/components/schemas/com.example.v1.Widget",
                read.path("responses").path("200").path("content").path("application/json").path("schema")
                        .path("$ref").asText());
        assertTrue(document.path("components").path("schemas").has("com.example.v1.WidgetList"));
        assertEquals("replaceExampleComV1WidgetStatus", document.path("paths")
                .path("/apis/example.com/v1/widgets/{name}/status").path("put").path("operationId").asText());
        assertFalse(document.path("paths").path("/apis/example.com/v1/widgets/{name}/status").has("delete"));
    }

    @Test
    void aKindWithoutItsListSchemaIsRefused() {
        assertThrows(IllegalStateException.class, () -> document(components(false)));
    }

    private static ObjectNode document(ObjectNode components) {
        return OpenApiDocument.of("example.com/v1", List.of(WIDGETS), resource -> components,
                resource -> "com.example.v1.Widget");
    }

    private static ObjectNode components(boolean withList) {
        ObjectNode components = JSON.createObjectNode();
        components.putObject("com.example.v1.Widget").put("type", "object");
        if (withList) {
            components.putObject("com.example.v1.WidgetList").put("type", "object");
        }
        return components;
    }
}
