package io.certpipe.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.KeyUsages;

/** CertificateSigningRequest manifests as users write them, and waits on the state certpipe gives them. */
final class Csrs {

    static final List<String> CLIENT_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT,
            KeyUsages.CLIENT_AUTH);
    static final List<String> KUBELET_CLIENT_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH);
    static final int ONE_DAY_SECONDS = 86_400;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Csrs() {
    }

    /** A name no other test (or earlier run against the same stack) uses. */
    static String uniqueName(String prefix) {
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * A {@code certificates.k8s.io/v1} CertificateSigningRequest; {@code expirationSeconds} may be null, labels are
     * kept in the order given.
     */
    record Manifest(String name, String requestPem, String signerName, List<String> usages,
            Integer expirationSeconds, Map<String, String> labels) {

        Manifest(String name, String requestPem, String signerName, List<String> usages, Integer expirationSeconds) {
            this(name, requestPem, signerName, usages, expirationSeconds, Map.of());
        }

        static Manifest of(String name, String requestPem, String signerName, List<String> usages) {
            return new Manifest(name, requestPem, signerName, usages, ONE_DAY_SECONDS);
        }

        Manifest withLabels(Map<String, String> newLabels) {
            return new Manifest(name, requestPem, signerName, usages, expirationSeconds,
                    Collections.unmodifiableMap(new LinkedHashMap<>(newLabels)));
        }

        Manifest withRequest(String otherRequestPem) {
            return new Manifest(name, otherRequestPem, signerName, usages, expirationSeconds, labels);
        }

        String base64Request() {
            return Base64.getEncoder().encodeToString(requestPem.getBytes(StandardCharsets.US_ASCII));
        }

        /** The YAML a user hands to {@code kubectl create -f}. */
        String yaml() {
            StringBuilder yaml = new StringBuilder()
                    .append("apiVersion: certificates.k8s.io/v1\n")
                    .append("kind: CertificateSigningRequest\n")
                    .append("metadata:\n")
                    .append("  name: ").append(name).append('\n');
            if (!labels.isEmpty()) {
                yaml.append("  labels:\n");
                labels.forEach((key, value) -> yaml.append("    ").append(key).append(": \"").append(value)
                        .append("\"\n"));
            }
            yaml.append("spec:\n")
                    .append("  request: ").append(base64Request()).append('\n')
                    .append("  signerName: ").append(signerName).append('\n');
            if (expirationSeconds != null) {
                yaml.append("  expirationSeconds: ").append(expirationSeconds).append('\n');
            }
            yaml.append("  usages:\n");
            usages.forEach(usage -> yaml.append("  - ").append(usage).append('\n'));
            return yaml.toString();
        }

        /** The same request as a JSON object, for raw API calls and their deliberately broken variants. */
        ObjectNode json() {
            ObjectNode csr = JSON.createObjectNode()
                    .put("apiVersion", "certificates.k8s.io/v1")
                    .put("kind", "CertificateSigningRequest");
            ObjectNode metadata = csr.putObject("metadata").put("name", name);
            if (!labels.isEmpty()) {
                labels.forEach(metadata.putObject("labels")::put);
            }
            ObjectNode spec = csr.putObject("spec")
                    .put("request", base64Request())
                    .put("signerName", signerName);
            if (expirationSeconds != null) {
                spec.put("expirationSeconds", expirationSeconds);
            }
            usages.forEach(spec.putArray("usages")::add);
            return csr;
        }
    }

    /** The condition of {@code type} on a request as the API returned it. */
    static Optional<JsonNode> condition(JsonNode csr, String type) {
        return StreamSupport.stream(csr.path("status").path("conditions").spliterator(), false)
                .filter(condition -> type.equals(condition.path("type").asText()))
                .findFirst();
    }

    static String conditionTypes(JsonNode csr) {
        return StreamSupport.stream(csr.path("status").path("conditions").spliterator(), false)
                .map(condition -> condition.path("type").asText())
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Waits until the request carries a condition of {@code type}, and returns it. */
    static JsonNode awaitCondition(Kubectl kubectl, String name, String type) {
        return Poll.until("condition " + type + " on CSR " + name,
                () -> condition(kubectl.get(name), type));
    }

    /** Waits for {@code .status.certificate} through kubectl's jsonpath and returns the decoded PEM. */
    static String awaitCertificate(Kubectl kubectl, String name) {
        String base64 = Poll.until("a certificate on CSR " + name, () -> {
            String field = kubectl.certificateField(name);
            return field.isEmpty() ? Optional.empty() : Optional.of(field);
        });
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
