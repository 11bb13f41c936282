package io.certpipe.admin.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local PKI with its CA keys as files, as {@code ./certpipe up} makes it, checked with the JDK's X.509 code. */
class LocalPkiFileTest {

    private static final String BUS_CA_NAME = "O=certpipe,CN=certpipe bus CA";

    @TempDir
    Path home;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Path busCa;
    private Path broker;
    private LocalPki pki;

    @BeforeEach
    void newHome() {
        busCa = home.resolve("pki/bus-ca.crt");
        broker = home.resolve("bus/kafka-broker/client");
        pki = new LocalPki(new FileCaKeys(), home, new PrintStream(log, true));
    }

    @Test
    void createsASelfSignedCaWithItsKeyBesideItForItsOwnerOnly() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);

        X509Certificate ca = Certificates.jdk(busCa);
        ca.verify(ca.getPublicKey());
        assertEquals("CN=certpipe bus CA,O=certpipe", ca.getSubjectX500Principal().getName(),
                "O then CN, as the subject lists them");
        Certificates.assertCaProfile(ca, LocalPki.CA_LIFETIME);
        Certificates.assertOwnerOnly(home.resolve("pki/bus-ca.key"));
        assertTrue(log.toString().startsWith("created CA \"" + BUS_CA_NAME + "\""), log.toString());
    }

    @Test
    void issuesALeafForBothEndsOfTlsWithItsAddresses() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);

        pki.ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth, clientAuth",
                "IP:127.0.0.1, DNS:localhost, DNS:kafka");

        X509Certificate leaf = Certificates.jdk(home.resolve("bus/kafka-broker/client.crt"));
        Certificates.assertLeafOf(leaf, busCa);
        assertEquals("CN=kafka-broker", leaf.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertEquals(List.of(List.of(7, "127.0.0.1"), List.of(2, "localhost"), List.of(2, "kafka")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals(LocalPki.LEAF_LIFETIME, Duration.between(leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant()));
        Certificates.assertOwnerOnly(home.resolve("bus/kafka-broker/client.key"));
        assertTrue(log.toString().contains("issued CN=kafka-broker certificate (bus/kafka-broker/client.crt)"),
                log.toString());
    }

    @Test
    void issuesAClientCertificateWithItsOrganisationFirstAndNoNames() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);

        pki.ensureLeaf(home.resolve("pki/admin"), busCa, "O=system:masters,CN=certpipe-admin", "clientAuth", "");

        X509Certificate admin = Certificates.jdk(home.resolve("pki/admin.crt"));
        assertEquals("CN=certpipe-admin,O=system:masters", admin.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), admin.getExtendedKeyUsage());
        assertEquals(null, admin.getSubjectAlternativeNames());
    }

    @Test
    void changesNothingWhenRunAgain() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);
        pki.ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth", "");
        List<String> before = contents(busCa, home.resolve("pki/bus-ca.key"), broker("crt"), broker("key"));
        log.reset();

        pki.ensureCa(busCa, "CN=another name");
        pki.ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth", "");

        assertEquals(before, contents(busCa, home.resolve("pki/bus-ca.key"), broker("crt"), broker("key")));
        assertEquals("", log.toString(), "nothing made, nothing said");
    }

    @Test
    void makesACaAnewWhenItsKeyIsGoneAndThenIssuesItsLeavesAgain() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);
        pki.ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth", "");
        String firstCa = Files.readString(busCa);
        String firstLeaf = Files.readString(broker("crt"));

        Files.delete(home.resolve("pki/bus-ca.key"));
        pki.ensureCa(busCa, BUS_CA_NAME);
        pki.ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth", "");

        assertNotEquals(firstCa, Files.readString(busCa), "a new CA");
        assertNotEquals(firstLeaf, Files.readString(broker("crt")), "not issued by the new CA, so issued again");
        Certificates.assertLeafOf(Certificates.jdk(broker("crt")), busCa);
    }

    @Test
    void issuesALeafAgainWhenItExpiresWithinADay() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);
        pki.ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth", "");
        String first = Files.readString(broker("crt"));

        Clock nearTheEnd = Clock.offset(Clock.systemUTC(), LocalPki.LEAF_LIFETIME.minus(Duration.ofHours(12)));
        new LocalPki(new FileCaKeys(), home, new PrintStream(log), nearTheEnd, LocalPki.CA_LIFETIME)
                .ensureLeaf(broker, busCa, "CN=kafka-broker", "serverAuth", "");

        assertNotEquals(first, Files.readString(broker("crt")));
    }

    @Test
    void neverIssuesBeyondTheCa() throws Exception {
        LocalPki shortLivedCas = new LocalPki(new FileCaKeys(), home, new PrintStream(log), Clock.systemUTC(),
                Duration.ofDays(30));
        shortLivedCas.ensureCa(busCa, BUS_CA_NAME);

        shortLivedCas.ensureLeaf(broker, busCa, "CN=kafka-broker", "clientAuth", "");

        assertEquals(Certificates.jdk(busCa).getNotAfter(), Certificates.jdk(broker("crt")).getNotAfter());
    }

    @Test
    void refusesWhatItCannotIssueAndWritesNothing() throws Exception {
        pki.ensureCa(busCa, BUS_CA_NAME);

        assertThrows(IllegalArgumentException.class,
                () -> pki.ensureLeaf(broker, busCa, "CN=someone", "codeSigning", ""));
        assertThrows(IllegalArgumentException.class,
                () -> pki.ensureLeaf(broker, busCa, "CN=someone", "clientAuth", "email:a@example.com"));
        assertThrows(IllegalArgumentException.class,
                () -> pki.ensureLeaf(broker, busCa, "/CN=someone", "clientAuth", ""));
        assertFalse(Files.exists(broker("key")));
        assertFalse(Files.exists(broker("crt")));
    }

    private Path broker(String extension) {
        return broker.resolveSibling("client." + extension);
    }

    private static List<String> contents(Path... files) throws Exception {
        return List.of(Files.readString(files[0]), Files.readString(files[1]), Files.readString(files[2]),
                Files.readString(files[3]));
    }
}
