package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.event.SigningFailedData;
import io.certpipe.common.event.ToBeSignedData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.signer.KeyMode;
import io.certpipe.common.signer.KubernetesSigners;

/**
 * Signers as signing-service serves and publishes them: the local stack's {@code example.com/serving} (from the
 * signers file {@code ./certpipe} seeds) issues the request of Kubernetes' "Manage TLS Certificates in a Cluster"
 * tutorial and refuses names outside its policy; every signer is on the compacted signers topic with its trust
 * bundle; every issuance is audited before it is signed.
 */
class SignersIT {

    static final String EXAMPLE_SERVING = "example.com/serving";
    static final List<String> SERVING_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE,
            KeyUsages.KEY_ENCIPHERMENT, KeyUsages.SERVER_AUTH);
    /** The names of the tutorial's request (it makes it with cfssl; openssl gives the same request). */
    private static final String TUTORIAL_SUBJECT = "/CN=my-pod.my-namespace.pod.cluster.local";
    static final String TUTORIAL_NAMES = "subjectAltName=DNS:my-svc.my-namespace.svc.cluster.local,"
            + "DNS:my-pod.my-namespace.pod.cluster.local,IP:192.0.2.24,IP:10.0.34.2";
    /** The seed's default lifetime, granted when the request asks for none (the tutorial asks for none). */
    private static final Duration SEED_DEFAULT_LIFETIME = Duration.ofHours(720);

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void exampleServingIssuesTheServingTutorialsCertificateAuditedBeforeItIsSigned() throws Exception {
        String name = Csrs.uniqueName("my-svc.my-namespace");
        admin.create(new Csrs.Manifest(name, servingRequest(name, TUTORIAL_NAMES), EXAMPLE_SERVING, SERVING_USAGES,
                null).yaml());
        admin.approve(name);

        Path certificate = Files.writeString(work.resolve(name + ".crt"), Csrs.awaitCertificate(admin, name));

        Command.Result verify = Openssl.verify(Stack.signerCa(EXAMPLE_SERVING), certificate);
        assertTrue(verify.succeeded() && verify.stdout().contains(": OK"), "openssl verify: " + verify);
        String text = Openssl.text(certificate);
        assertTrue(text.contains("TLS Web Server Authentication"), text);
        assertTrue(text.contains("DNS:my-svc.my-namespace.svc.cluster.local")
                && text.contains("DNS:my-pod.my-namespace.pod.cluster.local")
                && text.contains("IP Address:192.0.2.24") && text.contains("IP Address:10.0.34.2"), text);
        assertTrue(text.contains("Digital Signature"), text);
        assertFalse(text.contains("Key Encipherment"), "an EC key cannot encrypt; key encipherment is left out:\n"
                + text);
        assertTrue(text.contains("CA:FALSE"), text);
        X509Certificate issued = parse(Files.readString(certificate));
        assertEquals(SEED_DEFAULT_LIFETIME, Duration.between(issued.getNotBefore().toInstant(),
                issued.getNotAfter().toInstant()));

        String uid = admin.get(name).path("metadata").path("uid").asText();
        List<CloudEvent> results = KafkaTopics.events(Topics.SIGNING_RESULTS).stream()
                .filter(event -> uid.equals(event.csruid())).toList();
        assertEquals(List.of(EventType.TO_BE_SIGNED, EventType.SIGNED), results.stream().map(CloudEvent::eventType)
                .toList(), "audited before it was signed, on one partition in order");
        ToBeSignedData audit = (ToBeSignedData) results.get(0).data();
        SignedData signed = (SignedData) results.get(1).data();
        assertEquals(signed.serialNumber(), audit.serialNumber());
        assertEquals(issued.getSerialNumber().toString(16), audit.serialNumber());
        assertEquals(signed.caKeyId(), audit.caKeyId());
        assertEquals(issued.getNotAfter().toInstant(), audit.notAfter());
        assertEquals("CN=my-pod.my-namespace.pod.cluster.local", audit.subject());
    }

    @Test
    void exampleServingIssuesTheNamesAnAdmissionWebhookIsCalledAt() throws Exception {
        String name = Csrs.uniqueName("my-svc.my-namespace");
        admin.create(new Csrs.Manifest(name, servingRequest(name, "subjectAltName=DNS:my-svc.my-namespace.svc,"
                + "DNS:my-svc.my-namespace.svc.cluster.local"), EXAMPLE_SERVING, SERVING_USAGES, null).yaml());
        admin.approve(name);

        Path certificate = Files.writeString(work.resolve(name + ".crt"), Csrs.awaitCertificate(admin, name));

        String text = Openssl.text(certificate);
        assertTrue(text.contains("DNS:my-svc.my-namespace.svc,")
                && text.contains("DNS:my-svc.my-namespace.svc.cluster.local"), text);
    }

    @Test
    void exampleServingRefusesAServiceNameWithTooManyLabels() {
        assertRefusedAfterApproval("too-deep", "a.my-svc.my-namespace.svc");
    }

    @Test
    void exampleServingRefusesANameOutsideItsPolicyAfterApproval() {
        assertRefusedAfterApproval("outside-policy", "www.attacker.test");
    }

    /** A request for {@code dnsName} from example.com/serving, once approved, ends Failed with no certificate. */
    private void assertRefusedAfterApproval(String stem, String dnsName) {
        String name = Csrs.uniqueName(stem);
        admin.create(new Csrs.Manifest(name, servingRequest(name, "subjectAltName=DNS:" + dnsName), EXAMPLE_SERVING,
                SERVING_USAGES, null).yaml());
        admin.approve(name);

        JsonNode failed = Csrs.awaitCondition(admin, name, CsrCondition.FAILED);
        assertEquals(SigningFailedData.SIGNER_VALIDATION_FAILURE, failed.path("reason").asText(), failed.toString());
        assertTrue(failed.path("message").asText().contains("DNS name \"" + dnsName + "\" is not permitted"),
                failed.toString());
        assertEquals("", admin.certificateField(name));
    }

    @Test
    void everySignerIsPublishedWithItsRulesAndTrustBundleOnACompactedTopic() throws Exception {
        Map<String, SignerData> published = KafkaTopics.events(Topics.SIGNERS).stream()
                .filter(event -> event.eventType() == EventType.SIGNER_PUBLISHED)
                .map(event -> (SignerData) event.data())
                .filter(signer -> signer.cluster().equals(Stack.CLUSTER))
                .collect(Collectors.toMap(SignerData::signerName, Function.identity(), (older, newer) -> newer));

        for (String signerName : List.of(SignerNames.KUBE_APISERVER_CLIENT, SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                SignerNames.KUBELET_SERVING, EXAMPLE_SERVING)) {
            SignerData signer = published.get(signerName);
            assertTrue(signer != null, signerName + " is published: " + published.keySet());
            assertTrue(signer.caWorks(), signer.toString());
            assertEquals(KeyMode.file, signer.keyMode());
            assertEquals(parse(Files.readString(Stack.signerCa(signerName))), parse(signer.trustBundle()),
                    "the trust bundle is the signer's CA certificate");
        }
        assertEquals(KubernetesSigners.kubeApiserverClient(KubernetesSigners.DEFAULT_SIGNING_DURATION),
                published.get(SignerNames.KUBE_APISERVER_CLIENT).policy());
        assertEquals(List.of("server auth"), published.get(EXAMPLE_SERVING).policy().usages().required());
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(Topics.SIGNERS));
    }

    private String servingRequest(String name, String alternativeNames) {
        return servingRequest(work, name, alternativeNames);
    }

    /** The serving tutorial's request (its subject) with {@code alternativeNames}, its key in {@code directory}. */
    static String servingRequest(Path directory, String name, String alternativeNames) {
        Path key = Openssl.newKey(directory.resolve(name + ".key"));
        return Command.run(List.of("openssl", "req", "-new", "-key", key.toString(), "-subj", TUTORIAL_SUBJECT,
                "-addext", alternativeNames)).requireSuccess("openssl req").stdout();
    }

    private static String cleanupPolicy(String topic) throws Exception {
        try (Admin admin = Admin.create(Stack.busAdmin())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        }
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
