package io.certpipe.signing.ca;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA whose key is a PEM file beside its certificate: {@code ca.key} and {@code ca.crt} in the signer's directory. */
public final class PemFileCertificateAuthority implements CertificateAuthority {

    public static final String CERTIFICATE_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    public static final String MODE = "file";

    private static final String EC_SIGNATURE = "SHA256withECDSA";
    private static final String RSA_SIGNATURE = "SHA256withRSA";

    private final SignerId signer;
    private final X509CertificateHolder certificate;
    private final PrivateKey key;
    private final String signatureAlgorithm;
    private final String keyId;

    private PemFileCertificateAuthority(SignerId signer, X509CertificateHolder certificate, PrivateKey key,
            String signatureAlgorithm) {
        this.signer = signer;
        this.certificate = certificate;
        this.key = key;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keyId = CaKeyIds.of(certificate.getSubjectPublicKeyInfo());
    }

    /** Loads the CA of {@code signer} from {@code directory}; {@code passphrase} opens an encrypted PKCS#8 key. */
    public static PemFileCertificateAuthority load(SignerId signer, Path directory, Optional<String> passphrase)
            throws CaLoadException {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        if (!Files.isReadable(certificateFile)) {
            throw new CaLoadException("CA certificate " + certificateFile + " is missing or unreadable");
        }
        if (!Files.isReadable(keyFile)) {
            throw new CaLoadException("CA key " + keyFile + " is missing or unreadable");
        }
        X509CertificateHolder certificate = readCertificate(certificateFile);
        PrivateKey key = PemPrivateKeys.read(keyFile, passphrase);
        return new PemFileCertificateAuthority(signer, certificate, key, signatureAlgorithmFor(key, keyFile));
    }

    private static X509CertificateHolder readCertificate(Path file) throws CaLoadException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            if (parser.readObject() instanceof X509CertificateHolder certificate) {
                return certificate;
            }
            throw new CaLoadException(file + " does not start with a PEM CERTIFICATE");
        } catch (IOException e) {
            throw new CaLoadException("cannot read CA certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithmFor(PrivateKey key, Path keyFile) throws CaLoadException {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> EC_SIGNATURE;
            case "RSA" -> RSA_SIGNATURE;
            default -> throw new CaLoadException(keyFile + " is a " + key.getAlgorithm()
                    + " key; CA keys must be EC or RSA");
        };
    }

    @Override
    public SignerId signer() {
        return signer;
    }

    @Override
    public X509CertificateHolder certificate() {
        return certificate;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    public X509CertificateHolder sign(X509v3CertificateBuilder tbs) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(key);
            return tbs.build(signer);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the CA key of " + this.signer + " cannot sign", e);
        }
    }

    @Override
    public String toString() {
        return "PemFileCertificateAuthority[" + signer + ", keyId=" + keyId + "]";
    }
}
