package io.certpipe.console.requests;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The parts of a {@code certificates.k8s.io/v1} CertificateSigningRequest the console shows, as intake serves it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Csr(Metadata metadata, Spec spec, Status status) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String name, String uid, String resourceVersion, Instant creationTimestamp) {
    }

    /** {@code username} and {@code groups} are who asked, as intake authenticated them (never what they wrote). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(String request, String signerName, Long expirationSeconds, List<String> usages,
            String username, List<String> groups) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(List<Condition> conditions, String certificate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(String type, String status, String reason, String message, Instant lastUpdateTime) {
    }

    public String name() {
        return metadata.name();
    }

    public List<Condition> conditions() {
        return status == null || status.conditions() == null ? List.of() : status.conditions();
    }

    public Optional<Condition> condition(ConditionType type) {
        return conditions().stream().filter(condition -> type.wireName().equals(condition.type())
                && "True".equals(condition.status())).findFirst();
    }

    /** The PKCS#10 request as PEM ({@code spec.request} is its base64). */
    public String requestPem() {
        return decode(spec.request());
    }

    /** The issued certificate (chain) as PEM, once there is one. */
    public Optional<String> certificatePem() {
        return status == null || status.certificate() == null || status.certificate().isEmpty() ? Optional.empty()
                : Optional.of(decode(status.certificate()));
    }

    public RequestState state() {
        return RequestState.of(this);
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
