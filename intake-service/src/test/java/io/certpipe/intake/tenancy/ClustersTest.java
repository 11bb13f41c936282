package io.certpipe.intake.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.certpipe.common.csr.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClustersTest {

    private static final String CA_NAME = "CN=client CA";

    @TempDir
    Path home;

    private final KeyPair devCa = TestPki.ecKey();
    private final KeyPair prodCa = TestPki.ecKey();

    @Test
    void aCertificateLogsInOnlyToTheClusterWhoseClientCaIssuedIt() throws Exception {
        Clusters clusters = clustersOf("dev", "prod");
        X509Certificate devUser = leaf(devCa, "CN=alice,O=dev-team");

        assertEquals(List.of("dev", "prod"), clusters.names());
        assertTrue(clusters.trusts("dev", devUser));
        assertFalse(clusters.trusts("prod", devUser));
        assertFalse(clusters.serves("staging"));
    }

    @Test
    void theSameIssuerNameWithAnotherKeyIsNotTrusted() throws Exception {
        Clusters clusters = clustersOf("dev", "prod");

        X509Certificate forged = leaf(TestPki.ecKey(), "CN=mallory,O=system:masters");

        assertFalse(clusters.trusts("dev", forged));
        assertFalse(clusters.trusts("prod", forged));
    }

    @Test
    void aClusterWithoutAClientCaTrustsNobody() throws Exception {
        Files.writeString(home.resolve("clusters.yaml"), "clusters:\n  - name: empty\n");

        Clusters clusters = new Clusters(config(home.resolve("clusters.yaml")));

        assertTrue(clusters.serves("empty"));
        assertFalse(clusters.trusts("empty", leaf(devCa, "CN=alice")));
    }

    private Clusters clustersOf(String dev, String prod) throws IOException {
        writeClientCa(dev, devCa);
        writeClientCa(prod, prodCa);
        Path file = Files.writeString(home.resolve("clusters.yaml"), """
                clusters:
                  - name: %s
                  - name: %s
                """.formatted(dev, prod));
        return new Clusters(config(file));
    }

    private void writeClientCa(String cluster, KeyPair key) throws IOException {
        Path directory = Files.createDirectories(home.resolve("pki").resolve(cluster));
        X509CertificateHolder ca = TestPki.caCertificate(key, CA_NAME, Instant.now().plusSeconds(3600));
        Files.writeString(directory.resolve("client-ca.crt"), TestPki.pem(ca));
    }

    private IntakeConfig config(Path clustersFile) {
        return new IntakeConfig() {
            @Override
            public List<String> clusters() {
                return List.of("default");
            }

            @Override
            public Optional<Path> clustersFile() {
                return Optional.of(clustersFile);
            }

            @Override
            public Path clientCaDirectory() {
                return home.resolve("pki");
            }

            @Override
            public Optional<Path> authenticationDirectory() {
                return Optional.empty();
            }
        };
    }

    /** A client certificate whose issuer is named {@link #CA_NAME}, signed by {@code issuerKey}. */
    private static X509Certificate leaf(KeyPair issuerKey, String subject) throws CertificateException,
            OperatorCreationException {
        KeyPair key = TestPki.ecKey();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(CA_NAME), BigInteger.TEN,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)),
                new X500Name(subject), key.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(TestPki.signatureAlgorithm(issuerKey)).build(issuerKey.getPrivate())));
    }
}
