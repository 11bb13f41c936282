package io.certpipe.kube;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 document of one group-version, as kube-apiserver publishes it at {@code /openapi/v3/apis/<g>/<v>}:
 * the paths made from each declared resource (list, create, read, replace, patch, delete, and the subresources'
 * verbs), and each kind's component schemas as its declaration's file gives them. Every write declares
 * {@code dryRun}, {@code fieldManager} and {@code fieldValidation}, so kubectl leaves validation to the server.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMAS = "#/components/schemas/";
    private static final List<String> WRITE_PARAMETERS = List.of("dryRun", "fieldManager", "fieldValidation");

    private OpenApiDocument() {
    }

    /**
     * The document of {@code groupVersion} with {@code resources}; {@code components} gives each resource's component
     * schemas (the shared metadata ones included) and {@code componentOf} the name of the one describing its kind.
     */
    public static ObjectNode of(String groupVersion, List<ApiResource> resources,
            Function<ApiResource, ObjectNode> components, Function<ApiResource, String> componentOf) {
        ObjectNode document = JSON.createObjectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0-certpipe");
        ObjectNode paths = document.putObject("paths");
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        for (ApiResource resource : resources) {
            ObjectNode kindSchemas = components.apply(resource);
            schemas.setAll(kindSchemas);
            String kind = componentOf.apply(resource);
            String list = kind + "List";
            if (!kindSchemas.has(list)) {
                throw new IllegalStateException(resource.openApiSchemas() + " has no " + list);
            }
            String collection = "/apis/" + groupVersion + "/" + resource.plural();
            String operation = operationPrefix(resource);
            ObjectNode collectionPath = paths.putObject(collection);
            if (resource.verbs().contains(Verbs.LIST)) {
                ObjectNode get = operation(collectionPath, "get", "list or watch objects of kind " + resource.kind(),
                        "list" + operation, "list", resource, list);
                parameters(get, List.of("fieldSelector", "labelSelector", "limit", "resourceVersion", "watch"));
            }
            if (resource.verbs().contains(Verbs.CREATE)) {
                write(operation(collectionPath, "post", "create a " + resource.kind(), "create" + operation,
                        "post", resource, kind), kind);
            }
            ObjectNode object = paths.putObject(collection + "/{name}");
            objectOperations(object, resource, resource.verbs(), operation, "", kind);
            nameParameter(object, resource);
            for (ApiResource.Subresource subresource : resource.subresources()) {
                ObjectNode sub = paths.putObject(collection + "/{name}/" + subresource.name());
                objectOperations(sub, resource, subresource.verbs(), operation + capitalised(subresource.name()),
                        subresource.name() + " of ", kind);
                nameParameter(sub, resource);
            }
        }
        return document;
    }

    private static void objectOperations(ObjectNode path, ApiResource resource, List<String> verbs, String operation,
            String what, String kind) {
        if (verbs.contains(Verbs.GET)) {
            operation(path, "get", "read " + what + "the specified " + resource.kind(), "read" + operation, "get",
                    resource, kind);
        }
        if (verbs.contains(Verbs.UPDATE)) {
            write(operation(path, "put", "replace " + what + "the specified " + resource.kind(),
                    "replace" + operation, "put", resource, kind), kind);
        }
        if (verbs.contains(Verbs.DELETE) && what.isEmpty()) {
            parameters(operation(path, "delete", "delete a " + resource.kind(), "delete" + operation, "delete",
                    resource, kind), List.of("dryRun"));
        }
        if (verbs.contains(Verbs.PATCH)) {
            parameters(operation(path, "patch", "partially update " + what + "the specified " + resource.kind(),
                    "patch" + operation, "patch", resource, kind), WRITE_PARAMETERS);
        }
    }

    private static ObjectNode operation(ObjectNode path, String method, String description, String operationId,
            String action, ApiResource resource, String responseSchema) {
        ObjectNode operation = path.putObject(method);
        operation.put("description", description);
        operation.put("operationId", operationId);
        operation.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", SCHEMAS + responseSchema);
        operation.put("x-kubernetes-action", action);
        operation.putObject("x-kubernetes-group-version-kind").put("group", resource.group())
                .put("version", resource.version()).put("kind", resource.kind());
        return operation;
    }

    /** A write that takes the whole object: its body and the write parameters. */
    private static void write(ObjectNode operation, String kind) {
        parameters(operation, WRITE_PARAMETERS);
        ObjectNode body = operation.putObject("requestBody");
        body.putObject("content").putObject("*/*").putObject("schema").put("$ref", SCHEMAS + kind);
        body.put("required", true);
    }

    private static ObjectNode parameters(ObjectNode operation, List<String> names) {
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : names) {
            ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query");
            String type = name.equals("limit") ? "integer" : name.equals("watch") ? "boolean" : "string";
            parameter.putObject("schema").put("type", type).put("uniqueItems", true);
        }
        return operation;
    }

    private static void nameParameter(ObjectNode path, ApiResource resource) {
        ObjectNode name = path.putArray("parameters").addObject();
        name.put("name", "name").put("in", "path").put("description", "name of the " + resource.kind())
                .put("required", true);
        name.putObject("schema").put("type", "string").put("uniqueItems", true);
    }

    /** kube-apiserver's operation names: {@code certificates.k8s.io} v1 is {@code CertificatesV1<Kind>}. */
    private static String operationPrefix(ApiResource resource) {
        StringBuilder prefix = new StringBuilder();
        for (String part : resource.group().replace(".k8s.io", "").split("[.-]")) {
            prefix.append(capitalised(part));
        }
        return prefix + capitalised(resource.version()) + resource.kind();
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
