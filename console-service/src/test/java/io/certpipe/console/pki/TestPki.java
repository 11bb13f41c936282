package io.certpipe.console.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys, PKCS#10 requests and certificates as users and CAs make them, for the console's tests. */
public final class TestPki {

    private TestPki() {
    }

    public static KeyPair ecP256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM request of {@code key} for {@code subject} (RFC 4514), asking for {@code names} (null: none). */
    public static String request(KeyPair key, String subject, GeneralNames names) {
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic());
            if (names != null) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, names);
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return pem(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate of {@code key} for {@code subject}, signed by itself, with {@code extensions} added. */
    public static String certificate(KeyPair key, String subject, BigInteger serial, Instant notBefore,
            Instant notAfter, ExtensionsGenerator extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(subject), serial,
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), key.getPublic());
            if (!extensions.isEmpty()) {
                var generated = extensions.generate();
                for (var extension : generated.getExtensionOIDs()) {
                    builder.addExtension(generated.getExtension(extension));
                }
            }
            return pem(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signatureAlgorithm(KeyPair key) {
        return key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
