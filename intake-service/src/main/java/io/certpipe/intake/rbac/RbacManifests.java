package io.certpipe.intake.rbac;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.kube.Yaml;

/** RBAC manifests as operators write them: YAML or JSON, several documents per file separated by {@code ---}. */
final class RbacManifests {

    private RbacManifests() {
    }

    static List<RbacObject> read(Path file, ObjectMapper json) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), json);
        }
    }

    /** The ClusterRoles and ClusterRoleBindings of {@code in}; any other kind is refused, naming {@code source}. */
    static List<RbacObject> read(InputStream in, String source, ObjectMapper json) throws IOException {
        List<RbacObject> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Yaml.MAPPER.readerFor(JsonNode.class).readValues(in)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String kind = document.path("kind").asText();
                if (!ClusterRole.KIND.equals(kind) && !ClusterRoleBinding.KIND.equals(kind)) {
                    throw new IllegalStateException(source + ": only ClusterRole and ClusterRoleBinding are served, "
                            + "not \"" + kind + "\"");
                }
                RbacObject object = json.treeToValue(document, RbacApi.Kind.ofKind(kind).type());
                objects.add(object instanceof ClusterRoleBinding binding ? binding.withDefaults() : object);
            }
        }
        return objects;
    }
}
