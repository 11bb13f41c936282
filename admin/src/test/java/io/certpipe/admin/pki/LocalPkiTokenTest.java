package io.certpipe.admin.pki;

import static io.certpipe.common.pki.SoftHsm.TestToken.CA_KEYS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.TestPki;
import io.certpipe.common.pki.CaCertificateFile;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.Pkcs11Token;
import io.certpipe.common.pki.SoftHsm;

/**
 * The local PKI with its CA keys in a real SoftHSM2 token, as {@code ./certpipe up --hsm} makes it, checked with the
 * JDK's X.509 code: the rules are {@link LocalPkiFileTest}'s, only where the CA key lives differs.
 */
class LocalPkiTokenTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Path clientCa;
    private Pkcs11Token token;
    private LocalPki pki;

    @BeforeEach
    void openToken() throws Exception {
        clientCa = home.resolve("signers").resolve(SoftHsm.uniqueCluster())
                .resolve("kubernetes.io:kube-apiserver-client").resolve(CaCertificateFile.NAME);
        token = Pkcs11Token.open(SoftHsm.settings(CA_KEYS));
        pki = new LocalPki(new TokenCaKeys(token), home, new PrintStream(log, true));
    }

    @Test
    void createsASelfSignedCaSignedByItsTokenKeyWithNoKeyOnDisk() throws Exception {
        pki.ensureCa(clientCa, "O=certpipe,OU=default,CN=kubernetes.io/kube-apiserver-client CA");

        X509Certificate ca = Certificates.jdk(clientCa);
        ca.verify(ca.getPublicKey());
        assertEquals("CN=kubernetes.io/kube-apiserver-client CA,OU=default,O=certpipe", ca.getSubjectX500Principal()
                .getName());
        Certificates.assertCaProfile(ca, LocalPki.CA_LIFETIME);
        assertTrue(token.entry(Pkcs11Token.labelOf(clientCa)).isPresent(), "the key is in the token");
        try (var files = Files.list(clientCa.getParent())) {
            assertEquals(List.of(clientCa), files.toList(), "no key file beside the certificate");
        }
        assertTrue(log.toString().contains("key generated in the token"), log.toString());
    }

    @Test
    void keepsTheCaItCreatedOnceAndRestoresItsCertificateFromTheToken() throws Exception {
        pki.ensureCa(clientCa, "CN=first");
        String created = Files.readString(clientCa);

        pki.ensureCa(clientCa, "CN=second");
        assertEquals(created, Files.readString(clientCa), "an existing CA is kept");

        Files.delete(clientCa);
        pki.ensureCa(clientCa, "CN=third");
        assertEquals(created, Files.readString(clientCa), "the certificate comes back from the token");
    }

    @Test
    void refusesToIssueFromACaWhoseKeyIsNotInTheToken() throws Exception {
        KeyPair elsewhere = TestPki.ecKey();
        Files.createDirectories(clientCa.getParent());
        Files.writeString(clientCa, TestPki.pem(TestPki.caCertificate(elsewhere, "CN=elsewhere",
                Instant.now().plus(LocalPki.LEAF_LIFETIME))));

        pki.ensureCa(clientCa, "CN=certpipe CA");
        CaLoadException refused = assertThrows(CaLoadException.class,
                () -> pki.ensureLeaf(home.resolve("admin"), clientCa, "CN=someone", "clientAuth", ""));
        assertTrue(refused.getMessage().contains("holds no key labelled"), refused.getMessage());
        assertFalse(Files.exists(home.resolve("admin.key")), "nothing issued");
    }

    @Test
    void issuesAServerAndClientCertificateThatChainsToTheTokenCa() throws Exception {
        Path busCa = home.resolve("pki").resolve(SoftHsm.uniqueCluster() + "-bus-ca.crt");
        pki.ensureCa(busCa, "O=certpipe,CN=certpipe bus CA");

        pki.ensureLeaf(home.resolve("bus/kafka-broker/client"), busCa, "CN=kafka-broker", "serverAuth, clientAuth",
                "IP:127.0.0.1, DNS:localhost, DNS:kafka");

        X509Certificate broker = Certificates.jdk(home.resolve("bus/kafka-broker/client.crt"));
        Certificates.assertLeafOf(broker, busCa);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), broker.getExtendedKeyUsage());
        assertEquals(List.of(List.of(7, "127.0.0.1"), List.of(2, "localhost"), List.of(2, "kafka")),
                List.copyOf(broker.getSubjectAlternativeNames()));
        Certificates.assertOwnerOnly(home.resolve("bus/kafka-broker/client.key"));
    }

    @Test
    void neverIssuesBeyondTheCa() throws Exception {
        LocalPki shortLivedCas = new LocalPki(new TokenCaKeys(token), home, new PrintStream(log),
                Clock.systemUTC(), Duration.ofDays(30));
        shortLivedCas.ensureCa(clientCa, "CN=short-lived CA");

        shortLivedCas.ensureLeaf(home.resolve("admin"), clientCa, "CN=someone", "clientAuth", "");

        assertEquals(Certificates.jdk(clientCa).getNotAfter(), Certificates.jdk(home.resolve("admin.crt"))
                .getNotAfter());
    }

    @Test
    void opensTheTokenSigningServiceIsConfiguredWith() throws Exception {
        Map<String, String> settings = Map.of(
                "certpipe.signing.pkcs11.library", SoftHsm.library().toString(),
                "certpipe.signing.pkcs11.slot", Integer.toString(SoftHsm.slotOf(CA_KEYS)),
                "certpipe.signing.pkcs11.pin", SoftHsm.PIN);
        settings.forEach(System::setProperty);
        try {
            new LocalPki(TokenCaKeys.fromEnvironment(), home, new PrintStream(log))
                    .ensureCa(clientCa, "CN=from settings");
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }

        assertTrue(Files.exists(clientCa));
        assertTrue(log.toString().contains("key generated in the token"), log.toString());
    }

    @Test
    void labelsACaAfterItsCertificateFile() {
        assertEquals("default/kubernetes.io:kube-apiserver-client", Pkcs11Token.labelOf(
                Path.of("/home/signers/default/kubernetes.io:kube-apiserver-client/ca.crt")));
        assertEquals("serving-ca", Pkcs11Token.labelOf(Path.of("/home/pki/serving-ca.crt")));
        assertFalse(Pkcs11Token.labelOf(Path.of("pki/serving-ca.crt")).contains("/"));
    }
}
