package io.certpipe.intake.csr;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.kube.ObjectMeta;

/**
 * {@code certificates.k8s.io/v1 CertificateSigningRequest} on the wire. Byte fields ({@code spec.request},
 * {@code status.certificate}) are base64 strings here, as in Kubernetes' JSON; empty fields are left out, so a
 * pending request has no {@code status.conditions}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateSigningRequest(String kind, String apiVersion, ObjectMeta metadata, Spec spec,
        Status status) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(String request, String signerName, Integer expirationSeconds, List<String> usages,
            String username, String uid, List<String> groups, Map<String, List<String>> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(List<Condition> conditions, String certificate) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(String type, String status, String reason, String message, Instant lastUpdateTime,
            Instant lastTransitionTime) {
    }
}
