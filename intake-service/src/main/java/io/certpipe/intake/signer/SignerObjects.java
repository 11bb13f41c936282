package io.certpipe.intake.signer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.certpipe.common.CertpipeApi;
import io.certpipe.kube.Verbs;
import io.certpipe.kube.ApiResource;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.signer.AlternativeNameRules;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.Lifetime;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.common.signer.SubjectRules;
import io.certpipe.kube.ObjectMeta;

/**
 * How published signers look through the API: a read-only {@code certpipe.io/v1 Signer} documenting everything
 * Kubernetes asks a signer to document, and a {@code certificates.k8s.io/v1alpha1 ClusterTrustBundle} carrying its CA
 * certificates as a Kubernetes 1.32 server serves them.
 */
public final class SignerObjects {

    static final String SIGNER_GROUP = CertpipeApi.GROUP;
    static final String SIGNER_GROUP_VERSION = SIGNER_GROUP + "/v1";
    static final String SIGNERS = "signers";
    static final String TRUST_BUNDLE_GROUP_VERSION = "certificates.k8s.io/v1alpha1";
    static final String TRUST_BUNDLES = "clustertrustbundles";

    /** The read-only signer objects, as discovery lists them. */
    public static final ApiResource SIGNER_RESOURCE = new ApiResource(SIGNER_GROUP, "v1", "Signer", SIGNERS,
            "signer", List.of(), List.of(Verbs.GET, Verbs.LIST), false, List.of(), false);
    /** The signers' CA certificates as Kubernetes' ClusterTrustBundles, as discovery lists them. */
    public static final ApiResource TRUST_BUNDLE_RESOURCE = new ApiResource("certificates.k8s.io", "v1alpha1",
            "ClusterTrustBundle", TRUST_BUNDLES, "clustertrustbundle", List.of(), List.of(Verbs.GET, Verbs.LIST),
            false, List.of(), false);
    /** The suffix of each signer's bundle name: {@code <signerName with ':' for '/'>:certpipe}. */
    static final String BUNDLE_SUFFIX = ":certpipe";

    private SignerObjects() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Signer(String kind, String apiVersion, ObjectMeta metadata, SignerSpec spec, SignerStatus status) {
    }

    /**
     * What Kubernetes asks every signer to document: where its CA certificates are published, which subjects,
     * alternative names, usages and requested extensions it permits, how long it certifies, and whether it issues CA
     * certificates (with which path length); and, certpipe's own, who must approve its requests.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignerSpec(String signerName, TrustDistribution trustDistribution, SubjectRules permittedSubjects,
            AlternativeNameRules permittedSubjectAlternativeNames, List<String> permittedUsages,
            List<String> requiredUsages, LifetimeView lifetime, boolean caBitAllowed, Integer maxPathLength,
            List<String> honouredExtensions, ApprovalRules approval) {
    }

    /** Durations as Kubernetes writes them ({@code 720h0m0s}). */
    record LifetimeView(String maximum, @JsonProperty("default") String defaultLifetime) {

        static LifetimeView of(Lifetime lifetime) {
            return lifetime == null ? null : new LifetimeView(goDuration(lifetime.maximum()),
                    goDuration(lifetime.defaultLifetime()));
        }

        private static String goDuration(Duration duration) {
            if (duration == null) {
                return null;
            }
            return duration.toHours() + "h" + duration.toMinutesPart() + "m" + duration.toSecondsPart() + "s";
        }
    }

    record TrustDistribution(String clusterTrustBundle, String pemPath) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignerStatus(String keyMode, boolean caWorks, String caProblem, List<CaCertificate> caCertificates) {
    }

    record CaCertificate(String subject, Instant notBefore, Instant notAfter, String sha256Fingerprint) {
    }

    record ClusterTrustBundle(String kind, String apiVersion, ObjectMeta metadata, Map<String, String> spec) {
    }

    static Signer signer(String cluster, PublishedSigner signer) {
        SignerData data = signer.data();
        SignerPolicy policy = data.policy();
        return new Signer("Signer", SIGNER_GROUP_VERSION, metadata(signer.objectName(), signer),
                new SignerSpec(data.signerName(), new TrustDistribution(bundleName(signer), pemPath(cluster, signer)),
                        policy.subject(), policy.subjectAlternativeNames(), policy.usages().allowed(),
                        policy.usages().required(), LifetimeView.of(policy.lifetime()), policy.issuesCaCertificates(),
                        policy.issuesCaCertificates() ? policy.intermediateCa().pathLength() : null,
                        policy.honouredExtensions(), data.approval()),
                new SignerStatus(data.keyMode() == null ? null : data.keyMode().name(), data.caWorks(),
                        data.caProblem(), signer.caCertificates().stream().map(SignerObjects::summary).toList()));
    }

    static ClusterTrustBundle trustBundle(PublishedSigner signer) {
        return new ClusterTrustBundle("ClusterTrustBundle", TRUST_BUNDLE_GROUP_VERSION,
                metadata(bundleName(signer), signer),
                Map.of("signerName", signer.data().signerName(), "trustBundle", signer.data().trustBundle()));
    }

    static String bundleName(PublishedSigner signer) {
        return signer.objectName() + BUNDLE_SUFFIX;
    }

    /** Where the plain PEM of the signer's CA certificates is served, under the cluster's API root. */
    static String pemPath(String cluster, PublishedSigner signer) {
        return "/clusters/" + cluster + "/" + TrustBundleResource.PEM_PATH + "/" + signer.objectName() + ".pem";
    }

    /**
     * Metadata derived from what signing-service published: the uid and creation time of the signing CA, so they stay
     * the same across intake restarts.
     */
    private static ObjectMeta metadata(String name, PublishedSigner signer) {
        X509Certificate first = signer.caCertificates().isEmpty() ? null : signer.caCertificates().getFirst();
        return new ObjectMeta(name, null, first == null ? null
                : UUID.nameUUIDFromBytes(fingerprint(first).getBytes(StandardCharsets.US_ASCII)).toString(), "0",
                first == null ? null : first.getNotBefore().toInstant(), Map.of(), Map.of());
    }

    private static CaCertificate summary(X509Certificate certificate) {
        return new CaCertificate(certificate.getSubjectX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                fingerprint(certificate));
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a CA certificate", e);
        }
    }
}
