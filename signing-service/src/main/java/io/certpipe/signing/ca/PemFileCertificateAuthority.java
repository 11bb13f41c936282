package io.certpipe.signing.ca;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.certpipe.common.signer.KeyMode;

/** A CA whose key is a PEM file beside its certificate: {@code ca.key} and {@code ca.crt} in the signer's directory. */
public final class PemFileCertificateAuthority implements CertificateAuthority {

    public static final String CERTIFICATE_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";

    private static final String EC_SIGNATURE = "SHA256withECDSA";
    private static final String RSA_SIGNATURE = "SHA256withRSA";

    private final SignerId signer;
    private final X509CertificateHolder certificate;
    private final PrivateKey key;
    private final String signatureAlgorithm;
    private final AlgorithmIdentifier signatureAlgorithmIdentifier;
    private final String keyId;

    private PemFileCertificateAuthority(SignerId signer, X509CertificateHolder certificate, PrivateKey key,
            String signatureAlgorithm) {
        this.signer = signer;
        this.certificate = certificate;
        this.key = key;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signatureAlgorithmIdentifier = new DefaultSignatureAlgorithmIdentifierFinder().find(signatureAlgorithm);
        this.keyId = CaKeyIds.of(certificate.getSubjectPublicKeyInfo());
    }

    /** Loads the CA of {@code signer} from {@code directory}; {@code passphrase} opens an encrypted PKCS#8 key. */
    public static PemFileCertificateAuthority load(SignerId signer, Path directory, Optional<String> passphrase)
            throws CaLoadException {
        X509CertificateHolder certificate = readCertificate(directory);
        Path keyFile = directory.resolve(KEY_FILE);
        if (!Files.isReadable(keyFile)) {
            throw new CaLoadException("CA key " + keyFile + " is missing or unreadable");
        }
        PrivateKey key = PemPrivateKeys.read(keyFile, passphrase);
        return new PemFileCertificateAuthority(signer, certificate, key, signatureAlgorithmFor(key, keyFile));
    }

    /** The CA certificate in {@code directory}; a CA whose key is elsewhere or retired still has this file. */
    public static X509CertificateHolder readCertificate(Path directory) throws CaLoadException {
        Path file = directory.resolve(CERTIFICATE_FILE);
        if (!Files.isReadable(file)) {
            throw new CaLoadException("CA certificate " + file + " is missing or unreadable");
        }
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
    public KeyMode mode() {
        return KeyMode.file;
    }

    @Override
    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithmIdentifier;
    }

    @Override
    public X509CertificateHolder sign(TBSCertificate tbs) {
        try {
            return TbsSignatures.sign(new JcaContentSignerBuilder(signatureAlgorithm).build(key), tbs);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the CA key of " + signer + " cannot sign", e);
        }
    }

    @Override
    public String toString() {
        return "PemFileCertificateAuthority[" + signer + ", keyId=" + keyId + "]";
    }
}
