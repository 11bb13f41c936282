package io.certpipe.automation.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the certificates.k8s.io/v1 CertificateSigningRequest a request carries, from a PEM PKCS#10 request:
 * <pre>{@code
 * ObjectNode csr = CsrObjectBuilder.forPem(pem, "example.com/serving", List.of("digital signature", "server auth"))
 *         .expiration(Duration.ofDays(1))
 *         .build();
 * }</pre>
 * Without {@link #name} the API names the object itself from {@link #generateName} (by default
 * {@value #DEFAULT_GENERATE_NAME}), so resubmitting a request needs its {@code requestId}, not a fresh name.
 */
public final class CsrObjectBuilder {

    public static final String DEFAULT_GENERATE_NAME = "automation-";
    private static final String API_VERSION = "certificates.k8s.io/v1";
    private static final String KIND = "CertificateSigningRequest";
    /** The PEM block type Kubernetes requires in {@code spec.request}. */
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE REQUEST-----";

    private final String pem;
    private final String signerName;
    private final List<String> usages;
    private String name;
    private String generateName = DEFAULT_GENERATE_NAME;
    private Duration expiration;

    private CsrObjectBuilder(String pem, String signerName, List<String> usages) {
        this.pem = pem;
        this.signerName = signerName;
        this.usages = usages;
    }

    /**
     * {@code pem} is the PKCS#10 request in PEM; {@code usages} are Kubernetes key usages such as
     * {@code "digital signature"} or {@code "client auth"}.
     */
    public static CsrObjectBuilder forPem(String pem, String signerName, List<String> usages) {
        Objects.requireNonNull(pem, "pem");
        // spec.request is base64 of the PEM text: DER, or PEM already base64-encoded, is the usual mistake.
        if (!pem.contains(PEM_BEGIN)) {
            throw new IllegalArgumentException("not a PEM certificate request: expected a " + PEM_BEGIN + " block");
        }
        return new CsrObjectBuilder(pem, Objects.requireNonNull(signerName, "signerName"), List.copyOf(usages));
    }

    /** Names the object; the API then refuses a second object of that name (409 AlreadyExists). */
    public CsrObjectBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The prefix the API names the object by when no {@link #name} is given. */
    public CsrObjectBuilder generateName(String generateName) {
        this.generateName = Objects.requireNonNull(generateName, "generateName");
        return this;
    }

    /** The requested validity, as {@code spec.expirationSeconds}; the signer may shorten it. */
    public CsrObjectBuilder expiration(Duration expiration) {
        this.expiration = Objects.requireNonNull(expiration, "expiration");
        return this;
    }

    public ObjectNode build() {
        var object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", API_VERSION);
        object.put("kind", KIND);
        var metadata = object.putObject("metadata");
        if (name != null) {
            metadata.put("name", name);
        } else {
            metadata.put("generateName", generateName);
        }
        var spec = object.putObject("spec");
        spec.put("request", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
        spec.put("signerName", signerName);
        usages.forEach(spec.putArray("usages")::add);
        if (expiration != null) {
            spec.put("expirationSeconds", expiration.toSeconds());
        }
        return object;
    }
}
