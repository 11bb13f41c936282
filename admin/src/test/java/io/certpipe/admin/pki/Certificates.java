package io.certpipe.admin.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/** What the tests check of the local PKI's files, read with the JDK's X.509 code rather than the tool's own. */
final class Certificates {

    private Certificates() {
    }

    static X509Certificate jdk(Path pemFile) throws Exception {
        try (InputStream in = Files.newInputStream(pemFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A CA: basic constraints CA (critical), certificate and CRL signing only (critical), a key identifier. */
    static void assertCaProfile(X509Certificate ca, Duration lifetime) throws Exception {
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "a CA without path length limit");
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")),
                "basic constraints and key usage are critical");
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false},
                ca.getKeyUsage(), "certificate and CRL signing only");
        assertTrue(ca.getExtensionValue("2.5.29.14") != null, "a subject key identifier");
        assertEquals("EC", ca.getPublicKey().getAlgorithm());
        assertEquals(lifetime, Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
    }

    /**
     * A leaf of the CA of {@code caFile}: signed by it, named as its issuer, not a CA (critical), digital signature
     * only (critical), its authority key identifier the CA's subject key identifier, a serial of at least 64 bits.
     */
    static void assertLeafOf(X509Certificate leaf, Path caFile) throws Exception {
        X509Certificate ca = jdk(caFile);
        leaf.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertTrue(leaf.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")),
                "basic constraints and key usage are critical");
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false},
                leaf.getKeyUsage(), "digital signature only");
        assertEquals("EC", leaf.getPublicKey().getAlgorithm());
        assertTrue(leaf.getSerialNumber().bitLength() >= 64, "a random serial of at least 64 bits");
        X509CertificateHolder caHolder = new X509CertificateHolder(ca.getEncoded());
        assertArrayEquals(SubjectKeyIdentifier.fromExtensions(caHolder.getExtensions()).getKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(new X509CertificateHolder(leaf.getEncoded()).getExtensions())
                        .getKeyIdentifierOctets());
        assertTrue(leaf.getExtensionValue("2.5.29.14") != null, "a subject key identifier");
    }

    /** A private key file: PKCS#8 PEM, readable and writable by its owner only. */
    static void assertOwnerOnly(Path keyFile) throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8");
    }
}
