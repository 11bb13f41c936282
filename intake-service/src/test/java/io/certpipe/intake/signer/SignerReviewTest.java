package io.certpipe.intake.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.certpipe.common.consumer.QuickRetries;
import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.event.SignerWithdrawnData;
import io.certpipe.common.event.signature.TestEventKeys;
import io.certpipe.common.signer.KeyMode;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.kube.ApiException;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class SignerReviewTest {

    private static final String CLUSTER = "default";
    private static final String SERVING = "kubernetes.io/kubelet-serving";
    private final KeyPair caKey = TestPki.ecKey();
    private final TestEventKeys keys = TestEventKeys.create();
    /** Fed directly; its look at the Kafka consumer (whether the topic is read) is not what this test is about. */
    private final SignerCatalogue catalogue = new SignerCatalogue(
            QuickRetries.givingUpAfter(Duration.ofSeconds(1)).processing(keys), null);
    private final SignerReview review = new SignerReview(catalogue);

    SignerReviewTest() {
        publish(SERVING);
    }

    @Test
    void warnsAboutWhatTheSignerWillRefuseAfterApproval() {
        ParsedRequest wrongOrganization = fixture("wrong-organization-node.csr");

        List<String> warnings = review.review(CLUSTER, "n1", SERVING, wrongOrganization,
                List.of("digital signature", "server auth"));

        assertTrue(warnings.stream().allMatch(warning -> warning.startsWith("signer \"" + SERVING
                + "\" will refuse this request after approval: ")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(warning -> warning.contains("organization \"system:nodes\" is "
                + "required")), warnings.toString());
    }

    @Test
    void saysNothingAboutARequestTheSignerWillIssue() {
        ParsedRequest node = nodeRequest(TestPki.ecKey());

        assertEquals(List.of(), review.review(CLUSTER, "n1", SERVING, node,
                List.of("digital signature", "server auth")));
    }

    @Test
    void warnsThatNoSignerServesAnUnknownSignerName() {
        List<String> warnings = review.review(CLUSTER, "x", "example.org/nobody", fixture("tutorial-serving.csr"),
                List.of("server auth"));

        assertEquals(List.of("no signer serves \"example.org/nobody\" in cluster \"default\": the request can be "
                + "approved but no certificate will be issued for it"), warnings);
    }

    @Test
    void aWithdrawnSignerServesNoMore() {
        catalogue.published(keys.published(CloudEvent.aboutSigner(EventType.SIGNER_WITHDRAWN, "/test", CLUSTER,
                SERVING, new SignerWithdrawnData(Actor.service("signing-service"), CLUSTER, SERVING))))
                .await().indefinitely();

        assertTrue(catalogue.find(CLUSTER, SERVING).isEmpty());
    }

    @Test
    void refusesAShortKeyAtCreate() {
        ApiException refusal = assertThrows(ApiException.class, () -> review.review(CLUSTER, "weak", SERVING,
                fixture("short-rsa-key.csr"), List.of("server auth")));

        assertEquals(422, refusal.code());
        assertTrue(refusal.getMessage().contains("spec.request"), refusal.getMessage());
    }

    @Test
    void refusesARequestForTheSignersOwnCaKey() {
        ParsedRequest caKeyRequest = nodeRequest(caKey);

        ApiException refusal = assertThrows(ApiException.class, () -> review.review(CLUSTER, "mine", SERVING,
                caKeyRequest, List.of("digital signature", "server auth")));

        assertTrue(refusal.getMessage().contains("CA key"), refusal.getMessage());
    }

    private void publish(String signerName) {
        String bundle = TestPki.pem(TestPki.caCertificate(caKey, "CN=serving CA", Instant.now().plusSeconds(86400)));
        SignerData data = new SignerData(Actor.service("signing-service"), CLUSTER, signerName,
                KubernetesSigners.kubeletServing(KubernetesSigners.DEFAULT_SIGNING_DURATION), bundle, KeyMode.file,
                true, null, null);
        catalogue.published(keys.published(CloudEvent.aboutSigner(EventType.SIGNER_PUBLISHED, "/test", CLUSTER,
                signerName, data))).await().indefinitely();
    }

    /** A kubelet serving request from node n1 for {@code key}, as the signer accepts it. */
    private static ParsedRequest nodeRequest(KeyPair key) {
        try {
            var names = new GeneralNames(new GeneralName(GeneralName.dNSName, "n1.example.com"));
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, names);
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=system:node:n1,O=system:nodes"),
                    key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(TestPki.signatureAlgorithm(key)).build(key.getPrivate()));
            return CertificationRequests.parsePem(TestPki.pem(request));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParsedRequest fixture(String name) {
        return CertificationRequests.parsePem(TestPki.fixture(name));
    }
}
