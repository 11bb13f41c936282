package io.certpipe.kube;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes' {@code v1 Status}: every failed call answers one, and kubectl prints its {@code message}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Status(String kind, String apiVersion,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> metadata, String status, String message,
        String reason, Details details, int code) {

    public static final String FAILURE = "Failure";

    /** Which object the status is about, and for {@code Invalid} the offending fields. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Details(String name, String group, String kind, List<Cause> causes) {
    }

    /** One field error, as {@code k8s.io/apimachinery/pkg/util/validation/field} reports it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Cause(String reason, String message, String field) {
    }

    public static Status failure(int code, String reason, String message, Details details) {
        return new Status("Status", "v1", Map.of(), FAILURE, message, reason, details, code);
    }
}
