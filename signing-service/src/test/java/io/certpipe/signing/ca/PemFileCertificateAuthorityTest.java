package io.certpipe.signing.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.TestPki;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.signer.KeyMode;

class PemFileCertificateAuthorityTest {

    private static final SignerId SIGNER = new SignerId("default", "kubernetes.io/kube-apiserver-client");

    @TempDir
    Path directory;

    @Test
    void loadsAnEcPkcs8KeyThatWorks() throws Exception {
        KeyPair key = TestPki.ecKey();
        writeCa(key);

        CertificateAuthority ca = PemFileCertificateAuthority.load(SIGNER, directory, Optional.empty());

        assertEquals(SIGNER, ca.signer());
        assertEquals(KeyMode.file, ca.mode());
        assertEquals(Optional.empty(), KeyCheck.problemWith(ca));
    }

    @Test
    void loadsAnRsaPkcs8KeyThatWorks() throws Exception {
        writeCa(TestPki.rsaKey(2048));

        assertEquals(Optional.empty(), KeyCheck.problemWith(load()));
    }

    /** {@code openssl ecparam -genkey} writes SEC1 with the curve inside the structure, as built here. */
    @Test
    void loadsATraditionalOpenSslEcKey() throws Exception {
        KeyPair key = TestPki.ecKey();
        writeCa(key);
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((ECPrivateKey) key.getPrivate()).getS(),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()).getPublicKeyData(),
                SECObjectIdentifiers.secp256r1);
        Files.writeString(directory.resolve("ca.key"), TestPki.pem(new PemObject("EC PRIVATE KEY",
                sec1.getEncoded())));

        assertEquals(Optional.empty(), KeyCheck.problemWith(load()));
    }

    @Test
    void opensAnEncryptedPkcs8KeyWithItsPassphrase() throws Exception {
        KeyPair key = TestPki.ecKey();
        writeCa(key);
        writeEncryptedKey(key, "correct horse");

        CertificateAuthority ca = PemFileCertificateAuthority.load(SIGNER, directory, Optional.of("correct horse"));

        assertEquals(Optional.empty(), KeyCheck.problemWith(ca));
    }

    @Test
    void refusesAnEncryptedKeyWithTheWrongPassphrase() throws Exception {
        KeyPair key = TestPki.ecKey();
        writeCa(key);
        writeEncryptedKey(key, "correct horse");

        CaLoadException refused = assertThrows(CaLoadException.class,
                () -> PemFileCertificateAuthority.load(SIGNER, directory, Optional.of("battery staple")));
        assertTrue(refused.getMessage().contains("cannot decrypt"), refused.getMessage());
    }

    @Test
    void refusesAnEncryptedKeyWithoutPassphrase() throws Exception {
        KeyPair key = TestPki.ecKey();
        writeCa(key);
        writeEncryptedKey(key, "correct horse");

        CaLoadException refused = assertThrows(CaLoadException.class, this::load);
        assertTrue(refused.getMessage().contains("CERTPIPE_SIGNING_KEY_PASSPHRASE"), refused.getMessage());
    }

    @Test
    void refusesAMissingKey() throws Exception {
        writeCa(TestPki.ecKey());
        Files.delete(directory.resolve("ca.key"));

        CaLoadException refused = assertThrows(CaLoadException.class, this::load);
        assertTrue(refused.getMessage().contains("ca.key is missing"), refused.getMessage());
    }

    @Test
    void refusesAKeyFileHoldingACertificate() throws Exception {
        writeCa(TestPki.ecKey());
        Files.copy(directory.resolve("ca.crt"), directory.resolve("ca.key"), StandardCopyOption.REPLACE_EXISTING);

        assertThrows(CaLoadException.class, this::load);
    }

    @Test
    void reportsAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        KeyPair published = TestPki.ecKey();
        writeCa(published);
        Files.writeString(directory.resolve("ca.key"),
                TestPki.pem(new JcaPKCS8Generator(TestPki.ecKey().getPrivate(), null).generate()));

        Optional<String> problem = KeyCheck.problemWith(load());

        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("does not verify"), problem.get());
    }

    @Test
    void namesTheKeyBySha256OfItsSubjectPublicKeyInfo() throws Exception {
        KeyPair key = TestPki.ecKey();
        writeCa(key);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getPublic().getEncoded()));
        assertEquals(expected, load().keyId());
    }

    /** RFC 5280 4.1.1.2: the signature must be made with the algorithm the signed certificate names. */
    @Test
    void refusesToSignACertificateNamingAnotherAlgorithm() throws Exception {
        writeCa(TestPki.ecKey());
        CertificateAuthority ca = load();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.TEN));
        tbs.setSignature(new DefaultSignatureAlgorithmIdentifierFinder().find("SHA384withECDSA"));
        tbs.setIssuer(ca.certificate().getSubject());
        tbs.setStartDate(new Time(new Date()));
        tbs.setEndDate(new Time(Date.from(Instant.now().plus(Duration.ofDays(1)))));
        tbs.setSubject(new X500Name("CN=leaf"));
        tbs.setSubjectPublicKeyInfo(ca.certificate().getSubjectPublicKeyInfo());

        assertThrows(IllegalArgumentException.class, () -> ca.sign(tbs.generateTBSCertificate()));
    }

    @Test
    void neverPrintsItsKey() throws Exception {
        writeCa(TestPki.ecKey());

        String text = load().toString();

        assertFalse(text.contains("PRIVATE"));
        assertTrue(text.contains(SIGNER.toString()));
    }

    private CertificateAuthority load() throws CaLoadException {
        return PemFileCertificateAuthority.load(SIGNER, directory, Optional.empty());
    }

    private void writeCa(KeyPair key) {
        X509CertificateHolder certificate = TestPki.caCertificate(key, "CN=test CA",
                Instant.now().plus(Duration.ofDays(30)));
        TestPki.writeCa(directory, certificate, key);
    }

    private void writeEncryptedKey(KeyPair key, String passphrase) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword(passphrase.toCharArray())
                .build();
        String pem = TestPki.pem(new JcaPKCS8Generator(key.getPrivate(), encryptor).generate());
        assertTrue(pem.contains("ENCRYPTED PRIVATE KEY"));
        Files.writeString(directory.resolve("ca.key"), pem);
    }
}
