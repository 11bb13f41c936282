package io.certpipe.kube;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code meta.k8s.io/v1 Table}: what kubectl prints for {@code get}. {@code rows} is always present, so an empty
 * table prints "No resources found".
 */
public record Table(String kind, String apiVersion, ListMeta metadata, List<Column> columnDefinitions,
        List<Row> rows) {

    public static final String API_VERSION = "meta.k8s.io/v1";
    /** The media type Kubernetes answers a table with. */
    public static final String MEDIA_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static Table of(long resourceVersion, List<Column> columns, List<Row> rows) {
        return new Table("Table", API_VERSION, new ListMeta(String.valueOf(resourceVersion)), columns, rows);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Column(String name, String type, String format, String description, int priority) {
    }

    /**
     * One row: its cells in column order, and the object as {@code includeObject} asked: its metadata (for names and
     * labels), the whole object (kubectl's {@code --sort-by} sorts on it), or nothing.
     */
    public record Row(List<Object> cells, @JsonInclude(JsonInclude.Include.NON_NULL) Object object) {
    }

    /** The {@code includeObject} query parameter of a Table request. */
    public enum IncludeObject {
        NONE, METADATA, OBJECT;

        /** Kubernetes' default is {@code Metadata}; the values are case-sensitive there and here. */
        public static IncludeObject of(String parameter) {
            if (parameter == null || parameter.isEmpty()) {
                return METADATA;
            }
            return switch (parameter) {
                case "None" -> NONE;
                case "Metadata" -> METADATA;
                case "Object" -> OBJECT;
                default -> throw ApiException.badRequest("includeObject: Unsupported value: \"" + parameter
                        + "\": supported values: \"None\", \"Metadata\", \"Object\"");
            };
        }
    }

    /** {@code PartialObjectMetadata}: an object reduced to its metadata ({@code includeObject=Metadata}). */
    public record PartialObjectMetadata(String kind, String apiVersion, ObjectMeta metadata) {

        public static PartialObjectMetadata of(ObjectMeta metadata) {
            return new PartialObjectMetadata("PartialObjectMetadata", API_VERSION, metadata);
        }
    }

    /** Whether an {@code Accept} header asks for a table, as kubectl's {@code get} does. */
    public static boolean isRequestedBy(String accept) {
        if (accept == null) {
            return false;
        }
        for (String mediaType : accept.split(",")) {
            String normalized = mediaType.replace(" ", "");
            if (normalized.startsWith("application/json") && normalized.contains(";as=Table")
                    && normalized.contains(";g=meta.k8s.io") && normalized.contains(";v=v1")
                    && !normalized.contains(";v=v1beta1")) {
                return true;
            }
        }
        return false;
    }
}
