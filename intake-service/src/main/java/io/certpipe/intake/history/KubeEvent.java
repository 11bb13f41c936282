package io.certpipe.intake.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code core/v1 Event} on the wire, as kube-apiserver serves the events recorded about a cluster-scoped object:
 * in namespace {@code default}, naming the object in {@code involvedObject}. {@code source.component} is what
 * {@code kubectl describe} prints under "From".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubeEvent(String kind, String apiVersion, Metadata metadata, InvolvedObject involvedObject,
        String reason, String message, Source source, Instant firstTimestamp, Instant lastTimestamp, int count,
        String type, String reportingComponent, String reportingInstance) {

    /** Kubernetes records events about cluster-scoped objects in this namespace. */
    public static final String NAMESPACE = "default";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String name, String namespace, String uid, String resourceVersion,
            Instant creationTimestamp) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvolvedObject(String kind, String name, String uid, String apiVersion, String resourceVersion) {
    }

    public record Source(String component) {
    }
}
