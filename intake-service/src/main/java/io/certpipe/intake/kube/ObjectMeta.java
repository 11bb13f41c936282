package io.certpipe.intake.kube;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The part of Kubernetes' {@code ObjectMeta} certpipe keeps; other fields a client sends are ignored. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectMeta(String name, String generateName, String uid, String resourceVersion,
        Instant creationTimestamp, Map<String, String> labels, Map<String, String> annotations) {
}
