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
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.signing.TestPki;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.PemFileCertificateAuthority;
import io.certpipe.signing.ca.SignerId;

/** The certificate is parsed back with the JDK's own X.509 code, as a relying party would. */
class CertificateBuilderTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Validity ONE_DAY = Validity.of(NOW, 86_400, Duration.ofDays(365),
            NOW.plus(Duration.ofDays(3650)));

    @TempDir
    Path signers;

    @ParameterizedTest(name = "{0} CA")
    @ValueSource(strings = {"EC", "RSA"})
    void issuesALeafThatVerifiesWithTheCaKey(String caKeyType) throws Exception {
        KeyPair caKey = caKeyType.equals("EC") ? TestPki.ecKey() : TestPki.rsaKey(2048);
        CertificateAuthority ca = ca(caKey);
        BigInteger serial = SerialNumbers.random();

        X509Certificate leaf = jdk(CertificateBuilder.sign(ca, CertificationRequests.parsePem(servingRequest()),
                Set.of("digital signature", "key encipherment", "server auth"), ONE_DAY, serial));

        leaf.verify(caKey.getPublic());
        assertEquals(caKeyType.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA", leaf.getSigAlgName());
        assertEquals(3, leaf.getVersion());
        assertEquals(serial, leaf.getSerialNumber());
        assertEquals(new X500Principal("CN=certpipe test CA"), leaf.getIssuerX500Principal());
    }

    @Test
    void copiesSubjectAndAlternativeNamesFromTheRequest() throws Exception {
        X509Certificate leaf = jdk(sign(servingRequest(), Set.of("digital signature", "server auth")));

        assertEquals(new X500Principal("CN=system:node:n1,O=system:nodes"), leaf.getSubjectX500Principal());
        assertEquals(List.of(List.of(2, "n1.example"), List.of(7, "10.0.0.1")),
                leaf.getSubjectAlternativeNames().stream().toList());
        assertFalse(leaf.getCriticalExtensionOIDs().contains(Extension.subjectAlternativeName.getId()));
    }

    @Test
    void takesKeyUsagesFromSpecUsages() throws Exception {
        X509Certificate leaf = jdk(sign(servingRequest(),
                Set.of("digital signature", "key encipherment", "server auth")));

        boolean[] keyUsage = leaf.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        assertTrue(keyUsage[2], "keyEncipherment");
        assertFalse(keyUsage[5], "keyCertSign");
        assertTrue(leaf.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertTrue(leaf.getNonCriticalExtensionOIDs().contains(Extension.extendedKeyUsage.getId()));
    }

    @Test
    void leavesOutKeyUsageWhenOnlyExtendedUsagesAreRequested() throws Exception {
        X509Certificate leaf = jdk(sign(TestPki.csr("CN=alice").pem(), Set.of("client auth")));

        assertNull(leaf.getKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    }

    @Test
    void isNeverACaEvenWhenTheRequestAsksToBeOne() throws Exception {
        String requestingCa = TestPki.csr("O=system:nodes,CN=system:node:n1").dns("n1.example").requestingCa().pem();

        X509Certificate leaf = jdk(sign(requestingCa, Set.of("digital signature", "server auth")));

        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        assertEquals(Set.of(Extension.keyUsage.getId(), Extension.basicConstraints.getId()),
                leaf.getCriticalExtensionOIDs());
    }

    @Test
    void identifiesTheCaAndTheSubjectKey() throws Exception {
        KeyPair caKey = TestPki.ecKey();
        CertificateAuthority ca = ca(caKey);
        ParsedRequest request = CertificationRequests.parsePem(servingRequest());

        X509CertificateHolder leaf = CertificateBuilder.sign(ca, request, Set.of("digital signature", "server auth"),
                ONE_DAY, SerialNumbers.random());

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
        X509Certificate leaf = jdk(sign(servingRequest(), Set.of("digital signature", "server auth")));

        assertEquals(ONE_DAY.notBefore(), leaf.getNotBefore().toInstant());
        assertEquals(ONE_DAY.notAfter(), leaf.getNotAfter().toInstant());
    }

    private X509CertificateHolder sign(String csr, Set<String> usages) throws Exception {
        return CertificateBuilder.sign(ca(TestPki.ecKey()), CertificationRequests.parsePem(csr), usages, ONE_DAY,
                SerialNumbers.random());
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
