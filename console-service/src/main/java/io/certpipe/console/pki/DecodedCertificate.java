package io.certpipe.console.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * An issued certificate, decoded: who it names, who signed it, its serial, when it is valid, the names and key it
 * carries and what it may be used for. The first certificate of a PEM chain is the one issued.
 */
public record DecodedCertificate(SubjectDescription subject, SubjectDescription issuer, String serialNumber,
        Instant notBefore, Instant notAfter, List<AlternativeName> alternativeNames, PublicKeyDescription publicKey,
        List<String> keyUsages, List<String> extendedKeyUsages, boolean certificateAuthority,
        String signatureAlgorithm, String sha256Fingerprint) {

    public static DecodedCertificate decode(String pem) throws UnreadableException {
        X509CertificateHolder certificate = read(pem);
        try {
            var extensions = certificate.getExtensions();
            BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
            return new DecodedCertificate(SubjectDescription.of(certificate.getSubject()),
                    SubjectDescription.of(certificate.getIssuer()),
                    colonHex(certificate.getSerialNumber().toByteArray()),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                    AlternativeName.of(extensions), PublicKeyDescription.of(certificate.getSubjectPublicKeyInfo()),
                    ExtensionNames.keyUsages(extensions), ExtensionNames.extendedKeyUsages(extensions),
                    constraints != null && constraints.isCA(),
                    new DefaultAlgorithmNameFinder().getAlgorithmName(certificate.getSignatureAlgorithm()),
                    colonHex(sha256(certificate.getEncoded())));
        } catch (IOException | RuntimeException malformed) {
            throw new UnreadableException("the certificate's contents are malformed", malformed);
        }
    }

    /** Whether it is valid at {@code now} (after notBefore, before notAfter). */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    private static X509CertificateHolder read(String pem) throws UnreadableException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof X509CertificateHolder certificate) {
                return certificate;
            }
        } catch (IOException | RuntimeException malformed) {
            throw new UnreadableException("status.certificate is not a PEM certificate", malformed);
        }
        throw new UnreadableException("status.certificate holds no certificate", null);
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code 0A:1B:...}, as openssl prints serials and fingerprints; a leading sign byte of 0 is dropped. */
    private static String colonHex(byte[] bytes) {
        int from = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes, from, bytes.length);
    }
}
