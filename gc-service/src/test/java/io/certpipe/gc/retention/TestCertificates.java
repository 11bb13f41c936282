package io.certpipe.gc.retention;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

import io.certpipe.common.csr.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed PEM certificates with a chosen validity, standing in for what signing-service issues. */
public final class TestCertificates {

    private static final KeyPair KEY = newKey();

    private TestCertificates() {
    }

    public static String pemValidUntil(Instant notAfter) {
        try {
            var holder = new JcaX509v3CertificateBuilder(new X500Name("CN=test"), BigInteger.ONE,
                    Date.from(notAfter.minusSeconds(3600)), Date.from(notAfter), new X500Name("CN=test"),
                    KEY.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate()));
            return Pem.encode(holder);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
