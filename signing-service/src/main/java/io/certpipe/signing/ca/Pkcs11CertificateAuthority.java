package io.certpipe.signing.ca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;

import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.common.pki.CaCertificateFile;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.Pkcs11Token;
import io.certpipe.common.signer.KeyMode;

/**
 * A CA whose key lives in a PKCS#11 token and signs there; its published certificate is {@code ca.crt} in its
 * directory, as for every CA. The key is found by a label made from the CA directory, {@code <cluster>/<ca>}, and must
 * belong to that certificate.
 */
public final class Pkcs11CertificateAuthority extends JcaCertificateAuthority {

    private Pkcs11CertificateAuthority(SignerId signer, X509CertificateHolder certificate, PrivateKey key,
            Provider provider, String label) throws CaLoadException {
        super(signer, certificate, key, provider, "the token key labelled \"" + label + "\"");
    }

    /**
     * Loads the CA of {@code signer}: the certificate from {@code directory}, the key from {@code token}.
     *
     * @throws CaLoadException when the certificate is unreadable, the token holds no key for it, or a key file lies
     *         beside it: in this mode a CA private key on disk is a mistake to report, never a key to use
     */
    static Pkcs11CertificateAuthority load(SignerId signer, Path directory, Pkcs11Token token)
            throws CaLoadException {
        X509CertificateHolder certificate = CaCertificateFile.readFrom(directory);
        Path keyFile = directory.resolve(PemFileCertificateAuthority.KEY_FILE);
        if (Files.exists(keyFile)) {
            throw new CaLoadException(keyFile + " is a CA key on disk, but the CA keys are in " + token
                    + ": remove the file, or run the service with key mode file");
        }
        PrivateKey key = token.caKey(directory.resolve(CaCertificateFile.NAME), certificate);
        return new Pkcs11CertificateAuthority(signer, certificate, key, token.provider(),
                Pkcs11Token.caLabel(directory));
    }

    @Override
    public KeyMode mode() {
        return KeyMode.pkcs11;
    }
}
