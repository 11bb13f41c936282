package io.certpipe.common.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * A PKCS#11 token, logged in through Java's SunPKCS11 provider. A CA key is a private key object paired with its CA
 * certificate object by {@code CKA_ID}, both named by one label: SunPKCS11's key store lists a private key only
 * when a certificate shares its {@code CKA_ID}, and {@link #store} writes the pair that way. Keys are generated inside
 * the token, sensitive and never extractable (see {@link Pkcs11Settings}); a key's value never reaches this process.
 */
public final class Pkcs11Token {

    /** A CA key in the token and the certificate stored with it. */
    public record Entry(PrivateKey key, X509CertificateHolder certificate) {
    }

    private static final String JDK_PROVIDER = "SunPKCS11";
    private static final String KEY_STORE_TYPE = "PKCS11";
    /** A PKCS#11 return value as SunPKCS11's exceptions name it, e.g. {@code CKR_PIN_INCORRECT}. */
    private static final String CERTIFICATE_SUFFIX = ".crt";
    private static final Pattern RETURN_CODE = Pattern.compile("CKR_[A-Z0-9_]+");

    private final Pkcs11Settings settings;
    private final Provider provider;
    private final KeyStore keyStore;

    private Pkcs11Token(Pkcs11Settings settings, Provider provider, KeyStore keyStore) {
        this.settings = settings;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Loads the token's library and logs in with the user PIN, once: a wrong PIN is never retried, so it cannot lock
     * the token.
     *
     * @throws CaLoadException when the library, the slot or the token is missing, or the PIN is refused; the message
     *         says which
     */
    public static Pkcs11Token open(Pkcs11Settings settings) throws CaLoadException {
        Provider provider;
        try {
            provider = Security.getProvider(JDK_PROVIDER).configure("--" + settings.providerConfiguration());
        } catch (ProviderException | IllegalArgumentException e) {
            throw new CaLoadException(settings + " is not available: " + problemOf(e), e);
        }
        char[] pin = settings.pin();
        try {
            KeyStore keyStore = KeyStore.getInstance(KEY_STORE_TYPE, provider);
            keyStore.load(null, pin);
            return new Pkcs11Token(settings, provider, keyStore);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw new CaLoadException("cannot log in to " + settings + ": " + problemOf(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** The CA key labelled {@code label} and its certificate, or empty when the token holds none. */
    public Optional<Entry> entry(String label) throws CaLoadException {
        try {
            if (!keyStore.isKeyEntry(label)) {
                return Optional.empty();
            }
            if (!(keyStore.getKey(label, null) instanceof PrivateKey key)
                    || !(keyStore.getCertificate(label) instanceof X509Certificate certificate)) {
                throw new CaLoadException("the object labelled \"" + label + "\" in " + settings
                        + " is not a private key with an X.509 certificate");
            }
            return Optional.of(new Entry(key, new JcaX509CertificateHolder(certificate)));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new CaLoadException("cannot read the key labelled \"" + label + "\" from " + settings + ": "
                    + problemOf(e), e);
        }
    }

    /**
     * The token key of the CA whose certificate file is {@code certificateFile} (labelled {@link #labelOf} it) and
     * whose certificate is {@code certificate}.
     *
     * @throws CaLoadException when the token holds no such key, or holds it for another certificate: the token never
     *         adopts a certificate it has no key for
     */
    public PrivateKey caKey(Path certificateFile, X509CertificateHolder certificate) throws CaLoadException {
        String label = labelOf(certificateFile);
        Entry entry = entry(label).orElseThrow(() -> new CaLoadException(this + " holds no key labelled \"" + label
                + "\" for " + certificateFile));
        if (!entry.certificate().getSubjectPublicKeyInfo().equals(certificate.getSubjectPublicKeyInfo())) {
            throw new CaLoadException("the key labelled \"" + label + "\" in " + this + " belongs to another "
                    + "certificate than " + certificateFile);
        }
        return entry.key();
    }

    /**
     * Generates an EC P-256 key pair inside the token. The private key is a sensitive, non-extractable token object;
     * it has no label until {@link #store} pairs it with its certificate.
     */
    public KeyPair generateCaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(CaSignatures.KEY_CURVE));
        return generator.generateKeyPair();
    }

    /** Stores {@code certificate} beside the token key {@code key}, both labelled {@code label}. */
    public void store(String label, PrivateKey key, X509CertificateHolder certificate)
            throws GeneralSecurityException {
        keyStore.setKeyEntry(label, key, null,
                new Certificate[] {new JcaX509CertificateConverter().getCertificate(certificate)});
    }

    /**
     * The label of the token key of the CA in {@code caDirectory}: {@code <cluster>/<ca>}, its path under the CA
     * directory ({@code default/kubernetes.io:kube-apiserver-client}). Several signers naming one CA share its key.
     */
    public static String caLabel(Path caDirectory) {
        return caDirectory.getParent().getFileName() + "/" + caDirectory.getFileName();
    }

    /**
     * The label of the token key of the CA whose certificate is {@code certificateFile}: {@link #caLabel} of its
     * directory for a {@code ca.crt}, the file name without {@code .crt} otherwise ({@code serving-ca}).
     */
    public static String labelOf(Path certificateFile) {
        Path absolute = certificateFile.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.equals(CaCertificateFile.NAME)) {
            return caLabel(absolute.getParent());
        }
        if (!name.endsWith(CERTIFICATE_SUFFIX)) {
            throw new IllegalArgumentException(certificateFile + ": a CA certificate file name ends with "
                    + CERTIFICATE_SUFFIX);
        }
        return name.substring(0, name.length() - CERTIFICATE_SUFFIX.length());
    }

    /** The token's provider, through which its keys sign. */
    public Provider provider() {
        return provider;
    }

    /**
     * The PKCS#11 return value somewhere in {@code failure}'s causes, such as {@code CKR_PIN_INCORRECT}; SunPKCS11
     * reports them in the message of its internal exception type.
     */
    public static Optional<String> returnCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher code = cause.getMessage() == null ? null : RETURN_CODE.matcher(cause.getMessage());
            if (code != null && code.find()) {
                return Optional.of(code.group());
            }
        }
        return Optional.empty();
    }

    /** What went wrong, in an operator's words where the PKCS#11 return value says it, else the innermost message. */
    private static String problemOf(Throwable failure) {
        return returnCode(failure).map(code -> switch (code) {
            case "CKR_PIN_INCORRECT" -> "the token refused the PIN (" + code + ")";
            case "CKR_PIN_LOCKED" -> "the PIN is locked (" + code + "); the token's security officer must unlock it";
            case "CKR_PIN_EXPIRED" -> "the PIN has expired (" + code + ")";
            case "CKR_SLOT_ID_INVALID", "CKR_TOKEN_NOT_PRESENT", "CKR_TOKEN_NOT_RECOGNIZED" -> "no token in that slot ("
                    + code + "); is the token present, and for SoftHSM2, does SOFTHSM2_CONF name its configuration?";
            default -> "the token answered " + code;
        }).orElseGet(() -> innermostMessage(failure));
    }

    private static String innermostMessage(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() != null ? innermost.getMessage() : innermost.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
