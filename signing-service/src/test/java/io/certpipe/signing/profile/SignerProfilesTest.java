package io.certpipe.signing.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.signing.TestPki;

/** Kubernetes' rules for its three built-in signers, one row per case; {@code null} means the request is signed. */
class SignerProfilesTest {

    private static final String NODE = "O=system:nodes,CN=system:node:n1";
    private static final Set<String> CLIENT = Set.of("digital signature", "key encipherment", "client auth");
    private static final Set<String> KUBELET_CLIENT = Set.of("digital signature", "client auth");
    private static final Set<String> SERVING = Set.of("digital signature", "key encipherment", "server auth");

    private final SignerProfiles profiles = SignerProfiles.kubernetesBuiltIns();

    static Stream<Arguments> kubeApiserverClient() {
        String alice = "O=developers,CN=alice";
        return Stream.of(
                row("accepts all three allowed usages", TestPki.csr(alice).pem(), CLIENT, null),
                row("accepts client auth alone", TestPki.csr(alice).pem(), Set.of("client auth"), null),
                row("accepts SANs", TestPki.csr(alice).dns("alice.example").pem(), CLIENT, null),
                row("accepts RSA 2048", TestPki.csr(alice).key(TestPki.rsaKey(2048)).pem(), CLIENT, null),
                row("accepts P-384", TestPki.csr(alice).key(TestPki.ecKey("secp384r1")).pem(), CLIENT, null),
                row("refuses server auth", TestPki.csr(alice).pem(), Set.of("client auth", "server auth"),
                        "usage \"server auth\" is not allowed for kubernetes.io/kube-apiserver-client"),
                row("refuses a request without client auth", TestPki.csr(alice).pem(), Set.of("digital signature"),
                        "usage \"client auth\" is required for kubernetes.io/kube-apiserver-client"),
                row("refuses system:masters", TestPki.csr("O=system:masters,CN=mallory").pem(), CLIENT,
                        "organization \"system:masters\" is not allowed for kubernetes.io/kube-apiserver-client"),
                row("refuses system:masters among other groups",
                        TestPki.csr("O=developers,O=system:masters,CN=mallory").pem(), CLIENT,
                        "organization \"system:masters\" is not allowed"),
                row("accepts Ed25519", TestPki.csr(alice).key(TestPki.ed25519Key()).pem(), CLIENT, null),
                row("refuses a short RSA key", fixture("short-rsa-key.csr"), CLIENT,
                        "RSA key of 1024 bits is too short"));
    }

    static Stream<Arguments> kubeletClient() {
        return Stream.of(
                row("accepts a node with the minimal usages", TestPki.csr(NODE).pem(), KUBELET_CLIENT, null),
                row("accepts key encipherment as well", TestPki.csr(NODE).pem(), CLIENT, null),
                row("refuses a DNS SAN", TestPki.csr(NODE).dns("n1.example").pem(), KUBELET_CLIENT,
                        "subject alternative names are not allowed for "
                                + "kubernetes.io/kube-apiserver-client-kubelet"),
                row("refuses an IP SAN", TestPki.csr(NODE).ip("10.0.0.1").pem(), KUBELET_CLIENT,
                        "subject alternative names are not allowed"),
                row("refuses a wrong organization", TestPki.csr("O=system:masters,CN=system:node:n1").pem(),
                        KUBELET_CLIENT, "organization must be exactly \"system:nodes\""),
                row("refuses a second organization",
                        TestPki.csr("O=system:nodes,O=admins,CN=system:node:n1").pem(), KUBELET_CLIENT,
                        "organization must be exactly \"system:nodes\""),
                row("refuses a non-node common name", TestPki.csr("O=system:nodes,CN=alice").pem(), KUBELET_CLIENT,
                        "common name must be \"system:node:<node name>\""),
                row("refuses an empty node name", TestPki.csr("O=system:nodes,CN=system:node:").pem(),
                        KUBELET_CLIENT, "common name must be"),
                row("refuses a missing digital signature", TestPki.csr(NODE).pem(), Set.of("client auth"),
                        "usage \"digital signature\" is required"),
                row("refuses server auth", TestPki.csr(NODE).pem(),
                        Set.of("digital signature", "client auth", "server auth"),
                        "usage \"server auth\" is not allowed for kubernetes.io/kube-apiserver-client-kubelet"));
    }

    static Stream<Arguments> kubeletServing() {
        return Stream.of(
                row("accepts a DNS name", TestPki.csr(NODE).dns("n1.example").pem(), SERVING, null),
                row("accepts an IP address alone", TestPki.csr(NODE).ip("10.0.0.1").pem(),
                        Set.of("digital signature", "server auth"), null),
                row("refuses no SAN", TestPki.csr(NODE).pem(), SERVING,
                        "at least one DNS name or IP address is required for kubernetes.io/kubelet-serving"),
                row("refuses an email SAN", TestPki.csr(NODE).dns("n1.example").email("n1@example.com").pem(),
                        SERVING, "email subject alternative names are not allowed for kubernetes.io/kubelet-serving"),
                row("refuses a URI SAN", TestPki.csr(NODE).dns("n1.example").uri("spiffe://cluster/n1").pem(),
                        SERVING, "URI subject alternative names are not allowed"),
                row("refuses a wrong organization", TestPki.csr("O=nodes,CN=system:node:n1").dns("n1").pem(),
                        SERVING, "organization must be exactly \"system:nodes\""),
                row("refuses client auth", TestPki.csr(NODE).dns("n1.example").pem(),
                        Set.of("digital signature", "server auth", "client auth"),
                        "usage \"client auth\" is not allowed for kubernetes.io/kubelet-serving"),
                row("refuses a missing server auth", TestPki.csr(NODE).dns("n1.example").pem(),
                        Set.of("digital signature"), "usage \"server auth\" is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubeApiserverClient")
    void kubeApiserverClientRules(String rule, String csr, Set<String> usages, String violation) {
        assertOutcome(SignerNames.KUBE_APISERVER_CLIENT, csr, usages, violation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubeletClient")
    void kubeletClientRules(String rule, String csr, Set<String> usages, String violation) {
        assertOutcome(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, csr, usages, violation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubeletServing")
    void kubeletServingRules(String rule, String csr, Set<String> usages, String violation) {
        assertOutcome(SignerNames.KUBELET_SERVING, csr, usages, violation);
    }

    @Test
    void rejectsRequestWithInvalidSignatureBeforeAnyRule() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> CertificationRequests.parsePem(fixture("bad-signature.csr")));
        assertTrue(refused.getMessage().contains("signature"), refused.getMessage());
    }

    /** The JDK cannot even decode such keys, so the request is built with Bouncy Castle and handed over parsed. */
    @Test
    void refusesEcKeyOutsideNistCurves() throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair key = generator.generateKeyPair();
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=alice"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(key.getPrivate()));
        ParsedRequest parsed = new ParsedRequest(request, key.getPublic(), request.getSubject(), "alice", List.of(),
                List.of(), List.of(), List.of(), List.of());
        SignerProfile profile = profiles.find(SignerNames.KUBE_APISERVER_CLIENT).orElseThrow();

        SignerRuleViolation refused = assertThrows(SignerRuleViolation.class, () -> profile.check(parsed, CLIENT));
        assertTrue(refused.getMessage().startsWith("EC key curve is not allowed"), refused.getMessage());
    }

    @Test
    void servesOnlyTheBuiltInSigners() {
        assertTrue(profiles.find("example.com/custom").isEmpty());
        assertTrue(profiles.find(SignerNames.LEGACY_UNKNOWN).isEmpty());
        SignerNames.BUILT_IN.forEach(name -> assertEquals(name, profiles.find(name).orElseThrow().signerName()));
    }

    private void assertOutcome(String signerName, String csr, Set<String> usages, String violation) {
        SignerProfile profile = profiles.find(signerName).orElseThrow();
        ParsedRequest request = CertificationRequests.parsePem(csr);
        if (violation == null) {
            assertDoesNotThrow(() -> profile.check(request, usages));
        } else {
            SignerRuleViolation refused = assertThrows(SignerRuleViolation.class,
                    () -> profile.check(request, usages));
            assertTrue(refused.getMessage().startsWith(violation), refused.getMessage());
        }
    }

    private static Arguments row(String rule, String csr, Set<String> usages, String violation) {
        return Arguments.of(rule, csr, usages, violation);
    }

    static String fixture(String name) {
        try (InputStream in = SignerProfilesTest.class.getResourceAsStream("/csr/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
