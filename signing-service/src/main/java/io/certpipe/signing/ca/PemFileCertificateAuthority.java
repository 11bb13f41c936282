package io.certpipe.signing.ca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.common.pki.CaCertificateFile;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.PemPrivateKeys;
import io.certpipe.common.signer.KeyMode;

/** A CA whose key is a PEM file beside its certificate: {@code ca.key} and {@code ca.crt} in the signer's directory. */
public final class PemFileCertificateAuthority extends JcaCertificateAuthority {

    public static final String KEY_FILE = "ca.key";

    private PemFileCertificateAuthority(SignerId signer, X509CertificateHolder certificate, PrivateKey key,
            Path keyFile) throws CaLoadException {
        super(signer, certificate, key, null, keyFile.toString());
    }

    /** Loads the CA of {@code signer} from {@code directory}; {@code passphrase} opens an encrypted PKCS#8 key. */
    public static PemFileCertificateAuthority load(SignerId signer, Path directory, Optional<String> passphrase)
            throws CaLoadException {
        X509CertificateHolder certificate = CaCertificateFile.readFrom(directory);
        Path keyFile = directory.resolve(KEY_FILE);
        if (!Files.isReadable(keyFile)) {
            throw new CaLoadException("CA key " + keyFile + " is missing or unreadable");
        }
        return new PemFileCertificateAuthority(signer, certificate, PemPrivateKeys.read(keyFile, passphrase),
                keyFile);
    }

    @Override
    public KeyMode mode() {
        return KeyMode.file;
    }
}
