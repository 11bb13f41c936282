package io.certpipe.admin.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509ExtensionUtils;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import io.certpipe.common.pki.CaCertificateFile;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.CaSignatures;

/**
 * The one set of rules for every certificate certpipe makes for itself: the CAs (the API's serving CA, each cluster's
 * signer CAs, the bus CA) and the leaf certificates they issue (the API's serving certificate, each cluster's admin,
 * the broker and every bus principal). Where a CA key lives, a file beside its certificate or a PKCS#11 token, is
 * {@link CaKeys}' business; the certificates are the same either way.
 *
 * <p>A CA is created only when it is missing and kept for good after; a leaf is issued again whenever it is missing,
 * expires within {@link #RENEWAL_MARGIN}, or was not issued by its CA (the CA was made anew), so running the same plan
 * twice changes nothing.
 */
public final class LocalPki {

    /** How long a CA certpipe creates is valid: ten years, longer than any local stack lives. */
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    /** How long a leaf certificate is valid, never beyond its CA. */
    static final Duration LEAF_LIFETIME = Duration.ofDays(365);
    /** A leaf that expires sooner than this is issued again. */
    static final Duration RENEWAL_MARGIN = Duration.ofDays(1);
    private static final String KEY_ALGORITHM = "EC";
    private static final X509ExtensionUtils EXTENSION_UTILS = new BcX509ExtensionUtils();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CaKeys caKeys;
    private final Path home;
    private final PrintStream log;
    private final Clock clock;
    private final Duration caLifetime;

    /**
     * @param home the certpipe home, which the messages name paths relative to
     * @param log where each CA created and each certificate issued is reported
     */
    public LocalPki(CaKeys caKeys, Path home, PrintStream log) {
        this(caKeys, home, log, Clock.systemUTC(), CA_LIFETIME);
    }

    /** With another clock and CA lifetime, so that tests see renewal and a CA that ends before its leaves would. */
    LocalPki(CaKeys caKeys, Path home, PrintStream log, Clock clock, Duration caLifetime) {
        this.caKeys = caKeys;
        this.home = home;
        this.log = log;
        this.clock = clock;
        this.caLifetime = caLifetime;
    }

    /**
     * The self-signed CA whose certificate is {@code certificateFile}, named {@code subject} (RDNs in the order the
     * certificate holds them, RFC 4514 syntax: {@code O=certpipe,OU=default,CN=kubernetes.io/kubelet-serving CA}),
     * unless it exists.
     */
    public void ensureCa(Path certificateFile, String subject) throws CaLoadException, GeneralSecurityException,
            IOException, OperatorCreationException {
        X500Name name = name(subject);
        if (caKeys.exists(certificateFile, log)) {
            return;
        }
        KeyPair key = caKeys.generate();
        Instant notBefore = now();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        X509CertificateHolder certificate = new X509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                Date.from(notBefore.plus(caLifetime)), name, publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        EXTENSION_UTILS.createSubjectKeyIdentifier(publicKey))
                .build(caKeys.signer(key.getPrivate(), "the new key of " + certificateFile));
        String keyLocation = caKeys.keep(certificateFile, key, certificate);
        log.println("created CA \"" + subject + "\" (" + keyLocation + ")");
    }

    /**
     * {@code <stem>.crt} and its key {@code <stem>.key}, issued by the CA of {@code caCertificateFile} to
     * {@code subject} (RFC 4514, as for a CA), unless they are there, valid beyond {@link #RENEWAL_MARGIN} and issued
     * by that CA.
     *
     * @param usages the extended key usages, {@code serverAuth} and/or {@code clientAuth}, comma-separated
     * @param alternativeNames the subject alternative names as openssl writes them ({@code IP:127.0.0.1, DNS:kafka}),
     *        or empty
     */
    public void ensureLeaf(Path stem, Path caCertificateFile, String subject, String usages,
            String alternativeNames) throws CaLoadException, GeneralSecurityException, IOException,
            OperatorCreationException {
        X500Name name = name(subject);
        LeafProfile profile = LeafProfile.of(usages, alternativeNames);
        Path certificateFile = stem.resolveSibling(stem.getFileName() + ".crt");
        Path keyFile = stem.resolveSibling(stem.getFileName() + ".key");
        X509CertificateHolder ca = CaCertificateFile.read(caCertificateFile);
        if (Files.exists(keyFile) && isCurrent(certificateFile, ca)) {
            return;
        }
        KeyPair key = newKeyPair();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        Instant notBefore = now();
        Instant notAfter = notBefore.plus(LEAF_LIFETIME);
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder leaf = new X509v3CertificateBuilder(ca.getSubject(), serial(),
                Date.from(notBefore), Date.from(notAfter), name, publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.usages()))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        EXTENSION_UTILS.createSubjectKeyIdentifier(publicKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        EXTENSION_UTILS.createAuthorityKeyIdentifier(ca.getSubjectPublicKeyInfo()));
        if (profile.alternativeNames().isPresent()) {
            leaf.addExtension(Extension.subjectAlternativeName, false, profile.alternativeNames().get());
        }
        X509CertificateHolder certificate = leaf.build(caKeys.signer(caKeys.keyOf(caCertificateFile, ca),
                "the key of " + caCertificateFile));
        if (!isSignedBy(certificate, ca)) {
            throw new CaLoadException("the key of " + caCertificateFile + " does not belong to that certificate");
        }
        PemFiles.writePrivateKey(keyFile, key.getPrivate());
        PemFiles.writeCertificate(certificateFile, certificate);
        log.println("issued " + subject + " certificate (" + relative(certificateFile) + ")");
    }

    /** Whether {@code certificateFile} exists, is valid beyond the renewal margin, and was signed by {@code ca}. */
    private boolean isCurrent(Path certificateFile, X509CertificateHolder ca) {
        if (!Files.exists(certificateFile)) {
            return false;
        }
        X509CertificateHolder certificate;
        try {
            certificate = CaCertificateFile.read(certificateFile);
        } catch (CaLoadException unreadable) {
            return false;
        }
        return certificate.isValidOn(Date.from(now().plus(RENEWAL_MARGIN))) && isSignedBy(certificate, ca);
    }

    private static boolean isSignedBy(X509CertificateHolder certificate, X509CertificateHolder ca) {
        try {
            return certificate.getIssuer().equals(ca.getSubject())
                    && certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca));
        } catch (CertException | OperatorCreationException | CertificateException e) {
            return false;
        }
    }

    /** A new key pair held by this process: every leaf's, and a CA's whose key is a file. */
    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
        generator.initialize(new ECGenParameterSpec(CaSignatures.KEY_CURVE));
        return generator.generateKeyPair();
    }

    private static X500Name name(String subject) {
        try {
            return new X500Name(BCStyle.INSTANCE, subject);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + subject + "\" is not a name in RFC 4514 syntax "
                    + "(O=certpipe,CN=certpipe-admin): " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = home.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private static BigInteger serial() {
        // 127 random bits, one more than zero: positive, at most 16 octets, as the issuance path's serials.
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
