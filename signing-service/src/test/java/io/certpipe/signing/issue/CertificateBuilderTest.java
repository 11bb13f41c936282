package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.signer.AlternativeNameRules;
import io.certpipe.common.signer.IntermediateCa;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.common.signer.Lifetime;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.common.signer.SubjectRules;
import io.certpipe.common.signer.UsageRules;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.PemFileCertificateAuthority;
import io.certpipe.signing.ca.SignerId;
import io.certpipe.signing.lint.PreIssuanceLint;
import io.certpipe.signing.signer.Validity;

/** The certificate is signed and parsed back with the JDK's own X.509 code, as a relying party would. */
class CertificateBuilderTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Validity ONE_DAY = Validity.of(NOW, Duration.ofDays(1), NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(3650)));
    private static final SignerPolicy SERVING = KubernetesSigners.kubeletServing(Duration.ofDays(365));
    private static final SignerPolicy CLIENT = KubernetesSigners.kubeApiserverClient(Duration.ofDays(365));
    /** OCSP must-staple (RFC 7633). */
    private static final String TLS_FEATURE = "1.3.6.1.5.5.7.1.24";

    @TempDir
    Path signers;

    @ParameterizedTest(name = "{0} CA")
    @ValueSource(strings = {"EC", "RSA"})
    void issuesALeafThatVerifiesWithTheCaKey(String caKeyType) throws Exception {
        KeyPair caKey = caKeyType.equals("EC") ? TestPki.ecKey() : TestPki.rsaKey(2048);
        CertificateAuthority ca = ca(caKey);
        BigInteger serial = SerialNumbers.random();

        X509Certificate leaf = jdk(ca.sign(CertificateBuilder.toBeSigned(ca, SERVING,
                CertificationRequests.parsePem(servingRequest()), Set.of("digital signature", "server auth"),
                ONE_DAY, serial)));

        leaf.verify(caKey.getPublic());
        assertEquals(caKeyType.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA", leaf.getSigAlgName());
        assertEquals(3, leaf.getVersion());
        assertEquals(serial, leaf.getSerialNumber());
        assertEquals(new X500Principal("CN=certpipe test CA"), leaf.getIssuerX500Principal());
    }

    @Test
    void copiesSubjectAndAlternativeNamesFromTheRequest() throws Exception {
        X509Certificate leaf = jdk(sign(servingRequest(), Set.of("digital signature", "server auth"), SERVING));

        assertEquals(new X500Principal("CN=system:node:n1,O=system:nodes"), leaf.getSubjectX500Principal());
        assertEquals(List.of(List.of(2, "n1.example"), List.of(7, "10.0.0.1")),
                leaf.getSubjectAlternativeNames().stream().toList());
        assertFalse(leaf.getCriticalExtensionOIDs().contains(Extension.subjectAlternativeName.getId()));
    }

    @Test
    void takesKeyUsagesFromSpecUsages() throws Exception {
        String rsaRequest = TestPki.csr("O=system:nodes,CN=system:node:n1").key(TestPki.rsaKey(2048))
                .dns("n1.example").pem();

        X509Certificate leaf = jdk(sign(rsaRequest, Set.of("digital signature", "key encipherment", "server auth"),
                SERVING));

        boolean[] keyUsage = leaf.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        assertTrue(keyUsage[2], "keyEncipherment");
        assertFalse(keyUsage[5], "keyCertSign");
        assertTrue(leaf.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertTrue(leaf.getNonCriticalExtensionOIDs().contains(Extension.extendedKeyUsage.getId()));
    }

    /** Kubernetes' tutorials ask for key encipherment on EC keys; such a key cannot encrypt, so it is left out. */
    @ParameterizedTest(name = "{0} key")
    @ValueSource(strings = {"EC", "Ed25519"})
    void leavesOutKeyEnciphermentForAKeyThatCannotEncrypt(String keyType) throws Exception {
        KeyPair key = keyType.equals("EC") ? TestPki.ecKey() : TestPki.ed25519Key();
        String request = TestPki.csr("O=dev,CN=alice").key(key).pem();

        X509Certificate leaf = jdk(sign(request, Set.of("digital signature", "key encipherment", "client auth"),
                CLIENT));

        boolean[] keyUsage = leaf.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        assertFalse(keyUsage[2], "keyEncipherment");
    }

    @Test
    void leavesOutKeyUsageWhenOnlyExtendedUsagesAreRequested() throws Exception {
        X509Certificate leaf = jdk(sign(TestPki.csr("CN=alice").pem(), Set.of("client auth"), CLIENT));

        assertNull(leaf.getKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    }

    @Test
    void isALeafUnderALeafProfile() throws Exception {
        X509Certificate leaf = jdk(sign(servingRequest(), Set.of("digital signature", "server auth"), SERVING));

        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(Set.of(Extension.keyUsage.getId(), Extension.basicConstraints.getId()),
                leaf.getCriticalExtensionOIDs());
    }

    @Test
    void issuesASubordinateCaWithThePathLengthOfAnIntermediateProfile() throws Exception {
        SignerPolicy intermediate = new SignerPolicy(SubjectRules.ANY, AlternativeNameRules.NONE,
                new UsageRules(List.of("cert sign", "crl sign"), List.of("cert sign")),
                Lifetime.of(Duration.ofDays(365)), new IntermediateCa(0), List.of());

        X509Certificate subordinate = jdk(sign(TestPki.fixture("ca-requested.csr"), Set.of("cert sign", "crl sign"),
                intermediate));

        assertEquals(0, subordinate.getBasicConstraints());
        assertTrue(subordinate.getKeyUsage()[5], "keyCertSign");
        assertTrue(subordinate.getKeyUsage()[6], "cRLSign");
    }

    @Test
    void copiesOnlyTheRequestedExtensionsThePolicyHonours() throws Exception {
        SignerPolicy honouringMustStaple = new SignerPolicy(SERVING.subject(), SERVING.subjectAlternativeNames(),
                SERVING.usages(), SERVING.lifetime(), null, List.of(TLS_FEATURE));
        String request = TestPki.csr("O=system:nodes,CN=system:node:n1").dns("n1.example")
                .requesting(new ASN1ObjectIdentifier(TLS_FEATURE), false,
                        new DERSequence(new ASN1Integer(5)))
                .requesting(Extension.issuerAlternativeName, false, new DERSequence())
                .pem();

        X509Certificate withMustStaple = jdk(sign(request, Set.of("digital signature", "server auth"),
                honouringMustStaple));
        X509Certificate plain = jdk(sign(request, Set.of("digital signature", "server auth"), SERVING));

        assertTrue(withMustStaple.getNonCriticalExtensionOIDs().contains(TLS_FEATURE));
        assertFalse(withMustStaple.getNonCriticalExtensionOIDs().contains(Extension.issuerAlternativeName.getId()));
        assertFalse(plain.getNonCriticalExtensionOIDs().contains(TLS_FEATURE));
    }

    /** The lint is the safety net; what the profile builds for any permitted key must never trip it. */
    @ParameterizedTest(name = "{0} key")
    @ValueSource(strings = {"EC", "RSA", "Ed25519"})
    void buildsWhatThePreIssuanceLintPasses(String keyType) throws Exception {
        KeyPair key = switch (keyType) {
            case "EC" -> TestPki.ecKey();
            case "RSA" -> TestPki.rsaKey(2048);
            default -> TestPki.ed25519Key();
        };
        CertificateAuthority ca = ca(TestPki.ecKey());
        Map<SignerPolicy, String> requests = Map.of(
                CLIENT, TestPki.csr("O=dev,CN=alice").key(key).pem(),
                KubernetesSigners.kubeApiserverClientKubelet(Duration.ofDays(365)),
                TestPki.csr("O=system:nodes,CN=system:node:n1").key(key).pem(),
                SERVING, TestPki.csr("O=system:nodes,CN=system:node:n1").key(key).dns("n1.example").pem());

        requests.forEach((policy, csr) -> {
            TBSCertificate tbs = CertificateBuilder.toBeSigned(ca, policy, CertificationRequests.parsePem(csr),
                    Set.copyOf(policy.usages().allowed()), ONE_DAY, SerialNumbers.random());
            assertEquals(List.of(), PreIssuanceLint.check(tbs, ca.certificate(), policy), keyType + " " + csr);
        });
    }

    @Test
    void identifiesTheCaAndTheSubjectKey() throws Exception {
        CertificateAuthority ca = ca(TestPki.ecKey());
        ParsedRequest request = CertificationRequests.parsePem(servingRequest());

        X509CertificateHolder leaf = ca.sign(CertificateBuilder.toBeSigned(ca, SERVING, request,
                Set.of("digital signature", "server auth"), ONE_DAY, SerialNumbers.random()));

        SubjectKeyIdentifier caSki = SubjectKeyIdentifier.fromExtensions(ca.certificate().getExtensions());
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions());
        assertArrayEquals(caSki.getKeyIdentifier(), aki.getKeyIdentifierObject().getOctets());
        SubjectKeyIdentifier expectedSki = new BcX509ExtensionUtils()
                .createSubjectKeyIdentifier(request.request().getSubjectPublicKeyInfo());
        assertArrayEquals(expectedSki.getKeyIdentifier(),
                ASN1OctetString.getInstance(leaf.getExtension(Extension.subjectKeyIdentifier).getParsedValue())
                        .getOctets());
        assertEquals(request.request().getSubjectPublicKeyInfo(), leaf.getSubjectPublicKeyInfo());
    }

    @Test
    void carriesTheComputedValidity() throws Exception {
        X509Certificate leaf = jdk(sign(servingRequest(), Set.of("digital signature", "server auth"), SERVING));

        assertEquals(ONE_DAY.notBefore(), leaf.getNotBefore().toInstant());
        assertEquals(ONE_DAY.notAfter(), leaf.getNotAfter().toInstant());
    }

    private X509CertificateHolder sign(String csr, Set<String> usages, SignerPolicy policy) throws Exception {
        CertificateAuthority ca = ca(TestPki.ecKey());
        return ca.sign(CertificateBuilder.toBeSigned(ca, policy, CertificationRequests.parsePem(csr), usages, ONE_DAY,
                SerialNumbers.random()));
    }

    private static String servingRequest() {
        return TestPki.csr("O=system:nodes,CN=system:node:n1").dns("n1.example").ip("10.0.0.1").pem();
    }

    private CertificateAuthority ca(KeyPair key) throws Exception {
        SignerId signer = new SignerId("default", "kubernetes.io/kubelet-serving");
        Path directory = signers.resolve(signer.cluster()).resolve(signer.directoryName());
        TestPki.writeCa(directory, TestPki.caCertificate(key, "CN=certpipe test CA", NOW.plus(Duration.ofDays(3650))),
                key);
        return PemFileCertificateAuthority.load(signer, directory, Optional.empty());
    }

    private static X509Certificate jdk(X509CertificateHolder holder) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }
}
