package io.certpipe.kube;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON patch (RFC 6902) as kube-apiserver applies it ({@code gopkg.in/evanphx/json-patch.v4}): {@code add},
 * {@code remove}, {@code replace}, {@code move}, {@code copy} and {@code test}, paths as RFC 6901 JSON pointers, a
 * negative array index counting from the end. Like that library, {@code replace} of an object member that does not
 * exist adds it, and {@code test} of a missing member against {@code null} passes. Neither Jackson nor the libraries
 * intake already has implement RFC 6902, hence this class.
 * <p>
 * An operation that does not apply fails the whole patch with kube-apiserver's 422, its generic message followed by
 * what failed, which kubectl prints after "The request is invalid: " (for kube-apiserver it prints only that).
 */
public record JsonPatch(List<ObjectNode> operations, long maxCopyBytes) implements Patch {

    /** {@code maxJSONPatchOperations} of kube-apiserver's patch handler. */
    public static final int MAX_OPERATIONS = 10_000;

    public JsonPatch {
        operations = List.copyOf(operations);
    }

    /**
     * The operations of {@code document}, which must be an array of objects; {@code maxCopyBytes} bounds what
     * {@code copy} operations may add, as kube-apiserver bounds them by its request size limit.
     */
    public static JsonPatch of(JsonNode document, long maxCopyBytes) {
        if (document == null || !document.isArray()) {
            throw ApiException.badRequest("error decoding patch: a JSON patch is an array of operations, not "
                    + describe(document));
        }
        List<ObjectNode> operations = new ArrayList<>();
        for (JsonNode operation : document) {
            if (!operation.isObject()) {
                throw ApiException.badRequest("error decoding patch: each operation of a JSON patch is an object, "
                        + "not " + describe(operation));
            }
            operations.add((ObjectNode) operation);
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ApiException.requestEntityTooLarge("The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + operations.size());
        }
        return new JsonPatch(operations, maxCopyBytes);
    }

    @Override
    public JsonNode applyTo(JsonNode target) {
        Document document = new Document(target.deepCopy());
        long copiedBytes = 0;
        for (ObjectNode operation : operations) {
            String op = operation.path("op").isTextual() ? operation.get("op").asText() : "unknown";
            switch (op) {
                case "add" -> add(document, path(operation, op), value(operation));
                case "remove" -> remove(document, path(operation, op), op);
                case "replace" -> replace(document, path(operation, op), value(operation));
                case "move" -> {
                    String from = from(operation, op);
                    JsonNode moved = remove(document, from, op);
                    add(document, path(operation, op), moved);
                }
                case "copy" -> {
                    JsonNode copied = get(document, from(operation, op), op).deepCopy();
                    copiedBytes += copied.toString().length();
                    if (copiedBytes > maxCopyBytes) {
                        throw failure("Unable to complete the copy, the accumulated size increase of copy is "
                                + copiedBytes + ", exceeding the limit " + maxCopyBytes);
                    }
                    add(document, path(operation, op), copied);
                }
                case "test" -> test(document, path(operation, op), operation.get("value"));
                default -> throw failure("Unexpected kind: " + op);
            }
        }
        return document.root;
    }

    /** The document being patched; {@code replace} of the whole of it swaps the root. */
    private static final class Document {
        JsonNode root;

        Document(JsonNode root) {
            this.root = root;
        }
    }

    /** Where a pointer leads: the object or array holding the last reference token, and that token. */
    private record Location(JsonNode container, String key) {
    }

    private static void add(Document document, String path, JsonNode value) {
        Location location = locate(document, path, "add");
        if (location.container() instanceof ObjectNode object) {
            object.set(location.key(), value);
            return;
        }
        ArrayNode array = (ArrayNode) location.container();
        if (location.key().equals("-")) {
            array.add(value);
            return;
        }
        int size = array.size() + 1;
        int index = index(location.key(), path, "add");
        if (index >= size || index < -size) {
            throw invalidIndex(index);
        }
        array.insert(index < 0 ? index + size : index, value);
    }

    private static JsonNode remove(Document document, String path, String op) {
        Location location = locate(document, path, op);
        if (location.container() instanceof ObjectNode object) {
            if (!object.has(location.key())) {
                throw failure("error in " + op + " for path: '" + path + "': Unable to remove nonexistent key: "
                        + location.key() + ": missing value");
            }
            return object.remove(location.key());
        }
        ArrayNode array = (ArrayNode) location.container();
        return array.remove(existingIndex(array, location.key(), path, op));
    }

    private static void replace(Document document, String path, JsonNode value) {
        if (path.isEmpty()) {
            if (!value.isObject() && !value.isArray()) {
                throw failure("replace operation value must be object or array");
            }
            document.root = value;
            return;
        }
        Location location = locate(document, path, "replace");
        if (location.container() instanceof ObjectNode object) {
            object.set(location.key(), value);
            return;
        }
        ArrayNode array = (ArrayNode) location.container();
        array.set(existingIndex(array, location.key(), path, "replace"), value);
    }

    private static JsonNode get(Document document, String path, String op) {
        Location location = locate(document, path, op);
        JsonNode value = location.container() instanceof ObjectNode object ? object.get(location.key())
                : location.container().get(existingIndex((ArrayNode) location.container(), location.key(), path,
                        op));
        if (value == null) {
            throw failure(op + " operation does not apply: doc is missing from path: " + path + ": missing value");
        }
        return value;
    }

    private static void test(Document document, String path, JsonNode expected) {
        JsonNode actual;
        if (path.isEmpty()) {
            actual = document.root;
        } else {
            Location location = locate(document, path, "test");
            actual = location.container() instanceof ObjectNode object ? object.get(location.key())
                    : location.container().get(existingIndex((ArrayNode) location.container(), location.key(), path,
                            "test"));
        }
        boolean missing = actual == null;
        boolean expectsNothing = expected == null || expected.isNull();
        if (missing ? !expectsNothing : expected == null || !sameValue(actual, expected)) {
            throw failure("testing value " + path + " failed: test failed");
        }
    }

    /** Follows {@code path} to the container of its last token, which must exist and be an object or array. */
    private static Location locate(Document document, String path, String op) {
        if (!path.startsWith("/")) {
            throw missingPath(op, path);
        }
        String[] tokens = path.substring(1).split("/", -1);
        JsonNode container = document.root;
        for (int i = 0; i < tokens.length - 1 && container != null; i++) {
            container = child(container, unescape(tokens[i]));
        }
        if (container == null || !(container.isObject() || container.isArray())) {
            throw missingPath(op, path);
        }
        return new Location(container, unescape(tokens[tokens.length - 1]));
    }

    private static JsonNode child(JsonNode container, String token) {
        if (container.isObject()) {
            return container.get(token);
        }
        if (container.isArray()) {
            try {
                int index = Integer.parseInt(token);
                int resolved = index < 0 ? index + container.size() : index;
                return resolved >= 0 && resolved < container.size() ? container.get(resolved) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** RFC 6901: {@code ~1} is '/', {@code ~0} is '~', in that order. */
    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static int existingIndex(ArrayNode array, String key, String path, String op) {
        int index = index(key, path, op);
        if (index >= array.size() || index < -array.size()) {
            throw invalidIndex(index);
        }
        return index < 0 ? index + array.size() : index;
    }

    private static int index(String key, String path, String op) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw failure("error in " + op + " for path: '" + path + "': value was not a proper array index: '"
                    + key + "'");
        }
    }

    private static String path(ObjectNode operation, String op) {
        JsonNode path = operation.get("path");
        if (path == null || !path.isTextual()) {
            throw failure(op + " operation failed to decode path: missing value");
        }
        return path.asText();
    }

    private static String from(ObjectNode operation, String op) {
        JsonNode from = operation.get("from");
        if (from == null || !from.isTextual()) {
            throw failure(op + " operation failed to decode from: missing value");
        }
        return from.asText();
    }

    /** A missing {@code value} adds or replaces with null, as in evanphx/json-patch. */
    private static JsonNode value(ObjectNode operation) {
        JsonNode value = operation.get("value");
        return value == null ? NullNode.getInstance() : value.deepCopy();
    }

    /** JSON equality: numbers by value ({@code 1} equals {@code 1.0}), objects regardless of member order. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !sameValue(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static ApiException missingPath(String op, String path) {
        return failure(op + " operation does not apply: doc is missing path: \"" + path + "\": missing value");
    }

    private static ApiException invalidIndex(int index) {
        return failure("Unable to access invalid index: " + index + ": invalid index referenced");
    }

    private static ApiException failure(String why) {
        return ApiException.patchNotApplicable(why);
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType().name()
                .toLowerCase(Locale.ROOT);
    }
}
