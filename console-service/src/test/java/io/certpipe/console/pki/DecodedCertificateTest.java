package io.certpipe.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class DecodedCertificateTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = NOT_BEFORE.plus(1, ChronoUnit.DAYS);

    @Test
    void readsWhoItNamesWhoSignedItItsSerialValidityNamesAndUsages() throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                | KeyUsage.keyEncipherment));
        extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "web.team-a.svc"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.5")}));
        String pem = TestPki.certificate(TestPki.ecP256(), "CN=web,O=team-a", new BigInteger("0a1b2c3d4e5f", 16),
                NOT_BEFORE, NOT_AFTER, extensions);

        DecodedCertificate decoded = DecodedCertificate.decode(pem);

        assertEquals("CN=web,O=team-a", decoded.subject().distinguishedName());
        assertEquals("CN=web,O=team-a", decoded.issuer().distinguishedName());
        assertEquals("0A:1B:2C:3D:4E:5F", decoded.serialNumber());
        assertEquals(NOT_BEFORE, decoded.notBefore());
        assertEquals(NOT_AFTER, decoded.notAfter());
        assertEquals(List.of(new AlternativeName(AlternativeName.Kind.DNS, "web.team-a.svc"),
                new AlternativeName(AlternativeName.Kind.IP, "10.0.0.5")), decoded.alternativeNames());
        assertEquals(List.of("Digital Signature", "Key Encipherment"), decoded.keyUsages());
        assertEquals(List.of("TLS Web Server Authentication"), decoded.extendedKeyUsages());
        assertFalse(decoded.certificateAuthority());
        assertEquals(openSslStyleFingerprint(pem), decoded.sha256Fingerprint());
    }

    @Test
    void dropsTheSignByteOfASerialWhoseHighBitIsSet() throws Exception {
        String pem = TestPki.certificate(TestPki.ecP256(), "CN=x", new BigInteger("ff01", 16), NOT_BEFORE,
                NOT_AFTER, new ExtensionsGenerator());

        assertEquals("FF:01", DecodedCertificate.decode(pem).serialNumber());
    }

    @Test
    void isValidOnlyBetweenItsDates() throws Exception {
        DecodedCertificate decoded = DecodedCertificate.decode(TestPki.certificate(TestPki.ecP256(), "CN=x",
                BigInteger.ONE, NOT_BEFORE, NOT_AFTER, new ExtensionsGenerator()));

        assertTrue(decoded.isValidAt(NOT_BEFORE.plusSeconds(1)));
        assertFalse(decoded.isValidAt(NOT_BEFORE.minusSeconds(1)));
        assertFalse(decoded.isValidAt(NOT_AFTER.plusSeconds(1)));
    }

    private static String openSslStyleFingerprint(String pem) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem
                .getBytes(StandardCharsets.US_ASCII))).getEncoded();
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
