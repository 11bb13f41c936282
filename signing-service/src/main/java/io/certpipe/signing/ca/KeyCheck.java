package io.certpipe.signing.ca;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import io.certpipe.common.pki.Pkcs11Token;

/**
 * Whether a CA key works: it signs a throw-away certificate body and the signature must verify against the CA's
 * published certificate. That catches a missing key, a key that does not belong to the certificate, and a token that
 * refuses to sign, whatever the implementation.
 */
public final class KeyCheck {

    private static final X500Name PROBE_SUBJECT = new X500Name("CN=certpipe CA key check");
    private static final Duration PROBE_LIFETIME = Duration.ofMinutes(1);

    private KeyCheck() {
    }

    /** Why the key of {@code ca} does not work, or empty when a test signature verifies. */
    public static Optional<String> problemWith(CertificateAuthority ca) {
        try {
            X509CertificateHolder caCertificate = ca.certificate();
            Instant now = Instant.now();
            V3TBSCertificateGenerator probe = new V3TBSCertificateGenerator();
            probe.setSerialNumber(new ASN1Integer(BigInteger.ONE));
            probe.setSignature(ca.signatureAlgorithm());
            probe.setIssuer(caCertificate.getSubject());
            probe.setStartDate(new Time(Date.from(now)));
            probe.setEndDate(new Time(Date.from(now.plus(PROBE_LIFETIME))));
            probe.setSubject(PROBE_SUBJECT);
            probe.setSubjectPublicKeyInfo(caCertificate.getSubjectPublicKeyInfo());
            X509CertificateHolder signed = ca.sign(probe.generateTBSCertificate());
            if (signed.isSignatureValid(new JcaContentVerifierProviderBuilder().build(caCertificate))) {
                return Optional.empty();
            }
            return Optional.of("a test signature does not verify against the CA certificate "
                    + "(the key does not belong to it)");
        } catch (Exception e) {
            return Optional.of("a test signature failed: " + e.getClass().getSimpleName()
                    + Pkcs11Token.returnCode(e).map(code -> " (" + code + ")").orElse(""));
        }
    }
}
