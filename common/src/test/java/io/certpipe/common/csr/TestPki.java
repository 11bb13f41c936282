package io.certpipe.common.csr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Keys, CA files and PKCS#10 requests made on the fly for tests, and the request fixtures kept as files under
 * {@code /csr/}; nothing here is a real secret. Shared with the services' tests through common's test jar.
 */
public final class TestPki {

    private TestPki() {
    }

    public static KeyPair ecKey() {
        return ecKey("secp256r1");
    }

    public static KeyPair ecKey(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519Key() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signatureAlgorithm(KeyPair key) {
        return switch (key.getPublic().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
    }

    /** A self-signed CA certificate for {@code key}, valid from an hour ago until {@code notAfter}. */
    public static X509CertificateHolder caCertificate(KeyPair key, String subject, Instant notAfter) {
        return caCertificate(key, subject, Instant.now().minusSeconds(3600), notAfter);
    }

    /** A self-signed CA certificate for {@code key}, valid from {@code notBefore} until {@code notAfter}. */
    public static X509CertificateHolder caCertificate(KeyPair key, String subject, Instant notBefore,
            Instant notAfter) {
        try {
            X500Name name = new X500Name(subject);
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(Instant.now().toEpochMilli()),
                    Date.from(notBefore), Date.from(notAfter), name, key.getPublic());
            var extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(key.getPublic()));
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key.getPrivate()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code ca.crt} and an unencrypted PKCS#8 {@code ca.key} into {@code directory}. */
    public static void writeCa(Path directory, X509CertificateHolder certificate, KeyPair key) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("ca.crt"), pem(certificate));
            Files.writeString(directory.resolve("ca.key"), pem(new JcaPKCS8Generator(key.getPrivate(), null)
                    .generate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(Object object) {
        return Pem.encode(object);
    }

    /** The text of fixture {@code /csr/<name>} (made with openssl; see the fixtures' README). */
    public static String fixture(String name) {
        try (InputStream in = TestPki.class.getResourceAsStream("/csr/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /csr/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CsrBuilder csr(String subject) {
        return new CsrBuilder(subject);
    }

    /** A PKCS#10 request with the subject, names and extensions a test asks for, signed by its own key. */
    public static final class CsrBuilder {

        private final String subject;
        private final List<GeneralName> names = new ArrayList<>();
        private final List<Extension> extensions = new ArrayList<>();
        private KeyPair key = ecKey();

        private CsrBuilder(String subject) {
            this.subject = subject;
        }

        public CsrBuilder key(KeyPair key) {
            this.key = key;
            return this;
        }

        public CsrBuilder dns(String name) {
            names.add(new GeneralName(GeneralName.dNSName, name));
            return this;
        }

        public CsrBuilder ip(String address) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        public CsrBuilder email(String address) {
            names.add(new GeneralName(GeneralName.rfc822Name, address));
            return this;
        }

        public CsrBuilder uri(String uri) {
            names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
            return this;
        }

        /** Asks for being a CA ({@code basicConstraints CA:TRUE}). */
        public CsrBuilder requestingCa() {
            return requesting(Extension.basicConstraints, true, new BasicConstraints(true));
        }

        /** Asks for any other extension. */
        public CsrBuilder requesting(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public String pem() {
            try {
                var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic());
                ExtensionsGenerator requested = new ExtensionsGenerator();
                if (!names.isEmpty()) {
                    requested.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                extensions.forEach(requested::addExtension);
                if (!requested.isEmpty()) {
                    builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested.generate());
                }
                return TestPki.pem(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key))
                        .build(key.getPrivate())));
            } catch (IOException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
