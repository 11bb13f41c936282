package io.certpipe.signing.ca;

import static io.certpipe.signing.ca.SoftHsm.TestToken.CA_KEYS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.TestPki;

/** The local stack's PKI in the token, as {@code ./certpipe up --hsm} runs it, checked with the JDK's X.509 code. */
class TokenProvisioningTest {

    private static final Duration TEN_YEARS = Duration.ofDays(3650);
    private static final Duration ONE_YEAR = Duration.ofDays(365);

    @TempDir
    Path home;

    private Path clientCa;
    private TokenProvisioning provisioning;

    @BeforeEach
    void openToken() throws Exception {
        clientCa = home.resolve("signers").resolve(SoftHsm.uniqueCluster())
                .resolve("kubernetes.io:kube-apiserver-client").resolve(CaCertificateFile.NAME);
        provisioning = new TokenProvisioning(Pkcs11Token.open(SoftHsm.settings(CA_KEYS)),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void createsASelfSignedCaSignedByItsTokenKey() throws Exception {
        provisioning.ensureCa(clientCa, "O=certpipe,OU=default,CN=kubernetes.io/kube-apiserver-client CA",
                TEN_YEARS);

        X509Certificate ca = jdk(CaCertificateFile.read(clientCa));
        ca.verify(ca.getPublicKey());
        assertEquals("CN=kubernetes.io/kube-apiserver-client CA,OU=default,O=certpipe", ca.getSubjectX500Principal()
                .getName());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "a CA without path length limit");
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false},
                ca.getKeyUsage(), "certificate and CRL signing only");
        assertEquals(TEN_YEARS, Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
    }

    @Test
    void keepsTheCaItCreatedOnceAndRestoresItsCertificateFromTheToken() throws Exception {
        provisioning.ensureCa(clientCa, "CN=first", TEN_YEARS);
        String created = Files.readString(clientCa);

        provisioning.ensureCa(clientCa, "CN=second", TEN_YEARS);
        assertEquals(created, Files.readString(clientCa), "an existing CA is kept");

        Files.delete(clientCa);
        provisioning.ensureCa(clientCa, "CN=third", TEN_YEARS);
        assertEquals(created, Files.readString(clientCa), "the certificate comes back from the token");
    }

    @Test
    void refusesACertificateWhoseKeyIsNotInTheToken() throws Exception {
        KeyPair elsewhere = TestPki.ecKey();
        Files.createDirectories(clientCa.getParent());
        Files.writeString(clientCa, TestPki.pem(TestPki.caCertificate(elsewhere, "CN=elsewhere",
                Instant.now().plus(ONE_YEAR))));

        CaLoadException refused = assertThrows(CaLoadException.class,
                () -> provisioning.ensureCa(clientCa, "CN=certpipe CA", TEN_YEARS));
        assertTrue(refused.getMessage().contains("holds no key labelled"), refused.getMessage());
    }

    @Test
    void issuesAClientCertificateThatChainsToTheTokenCa() throws Exception {
        provisioning.ensureCa(clientCa, "CN=certpipe client CA", TEN_YEARS);
        X509CertificateHolder caCertificate = CaCertificateFile.read(clientCa);

        X509Certificate admin = jdk(provisioning.issue(clientCa, ONE_YEAR, "clientAuth", "",
                TestPki.csr("O=system:masters,CN=certpipe-admin").pem()));

        admin.verify(jdk(caCertificate).getPublicKey());
        assertEquals(jdk(caCertificate).getSubjectX500Principal(), admin.getIssuerX500Principal());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), admin.getExtendedKeyUsage());
        assertEquals(-1, admin.getBasicConstraints(), "not a CA");
        assertTrue(admin.getKeyUsage()[0], "digital signature");
        assertEquals(null, admin.getSubjectAlternativeNames());
        assertArrayEquals(SubjectKeyIdentifier.fromExtensions(caCertificate.getExtensions()).getKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(new X509CertificateHolder(admin.getEncoded()).getExtensions())
                        .getKeyIdentifierOctets());
    }

    @Test
    void issuesACertificateForBothEndsOfTls() throws Exception {
        Path busCa = home.resolve("pki").resolve(SoftHsm.uniqueCluster() + "-bus-ca.crt");
        provisioning.ensureCa(busCa, "O=certpipe,CN=certpipe bus CA", TEN_YEARS);

        X509Certificate broker = jdk(provisioning.issue(busCa, ONE_YEAR, "serverAuth, clientAuth",
                "IP:127.0.0.1", TestPki.csr("CN=kafka-broker").pem()));

        broker.verify(jdk(CaCertificateFile.read(busCa)).getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), broker.getExtendedKeyUsage());
    }

    @Test
    void issuesAServingCertificateWithItsNamesFromACaNamedByItsFile() throws Exception {
        Path servingCa = home.resolve("pki").resolve(SoftHsm.uniqueCluster() + "-serving-ca.crt");
        provisioning.ensureCa(servingCa, "CN=certpipe serving CA", TEN_YEARS);

        X509Certificate apiserver = jdk(provisioning.issue(servingCa, ONE_YEAR, "serverAuth",
                "IP:127.0.0.1, DNS:localhost", TestPki.csr("CN=certpipe-apiserver").pem()));

        apiserver.verify(jdk(CaCertificateFile.read(servingCa)).getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), apiserver.getExtendedKeyUsage());
        assertEquals(List.of(List.of(7, "127.0.0.1"), List.of(2, "localhost")),
                List.copyOf(apiserver.getSubjectAlternativeNames()));
    }

    @Test
    void neverIssuesBeyondTheCa() throws Exception {
        provisioning.ensureCa(clientCa, "CN=short-lived CA", ONE_YEAR);

        X509Certificate leaf = jdk(provisioning.issue(clientCa, TEN_YEARS, "clientAuth", "",
                TestPki.csr("CN=someone").pem()));

        assertEquals(jdk(CaCertificateFile.read(clientCa)).getNotAfter(), leaf.getNotAfter());
    }

    @Test
    void refusesWhatItCannotIssue() throws Exception {
        provisioning.ensureCa(clientCa, "CN=certpipe client CA", TEN_YEARS);
        String request = TestPki.csr("CN=someone").pem();

        assertThrows(IllegalArgumentException.class,
                () -> provisioning.issue(clientCa, ONE_YEAR, "codeSigning", "", request));
        assertThrows(IllegalArgumentException.class,
                () -> provisioning.issue(clientCa, ONE_YEAR, "clientAuth", "email:a@example.com", request));
        assertThrows(CaLoadException.class, () -> provisioning.issue(home.resolve("pki/nowhere.crt"), ONE_YEAR,
                "clientAuth", "", request));
    }

    @Test
    void labelsACaAfterItsCertificateFile() {
        assertEquals("default/kubernetes.io:kube-apiserver-client", TokenProvisioning.labelOf(
                Path.of("/home/signers/default/kubernetes.io:kube-apiserver-client/ca.crt")));
        assertEquals("serving-ca", TokenProvisioning.labelOf(Path.of("/home/pki/serving-ca.crt")));
        assertFalse(TokenProvisioning.labelOf(Path.of("pki/serving-ca.crt")).contains("/"));
    }

    private static X509Certificate jdk(X509CertificateHolder certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }
}
