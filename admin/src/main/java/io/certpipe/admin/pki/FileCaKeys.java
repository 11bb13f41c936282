package io.certpipe.admin.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;

import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.CaSignatures;
import io.certpipe.common.pki.PemPrivateKeys;

/**
 * CA keys as files: {@code <name>.key} beside {@code <name>.crt} ({@code ca.key} beside {@code ca.crt}, where
 * signing-service's file key mode reads it), unencrypted PKCS#8, readable by their owner only.
 */
public final class FileCaKeys implements CaKeys {

    /** A CA is there when both its certificate and its key are; either alone is replaced by a new CA. */
    @Override
    public boolean exists(Path certificateFile, PrintStream log) {
        return Files.exists(certificateFile) && Files.exists(keyFile(certificateFile));
    }

    @Override
    public KeyPair generate() throws GeneralSecurityException {
        return LocalPki.newKeyPair();
    }

    @Override
    public String keep(Path certificateFile, KeyPair key, X509CertificateHolder certificate) throws IOException {
        Path keyFile = keyFile(certificateFile);
        PemFiles.writePrivateKey(keyFile, key.getPrivate());
        PemFiles.writeCertificate(certificateFile, certificate);
        return "key file " + keyFile.getFileName() + " beside it";
    }

    @Override
    public PrivateKey keyOf(Path certificateFile, X509CertificateHolder certificate) throws CaLoadException {
        return PemPrivateKeys.read(keyFile(certificateFile), Optional.empty());
    }

    @Override
    public ContentSigner signer(PrivateKey key, String keyName) throws CaLoadException, OperatorCreationException {
        return CaSignatures.signer(CaSignatures.algorithmFor(key, keyName), key, null);
    }

    private static Path keyFile(Path certificateFile) {
        String name = certificateFile.getFileName().toString();
        if (!name.endsWith(".crt")) {
            throw new IllegalArgumentException(certificateFile + ": a CA certificate file name ends with .crt");
        }
        return certificateFile.resolveSibling(name.substring(0, name.length() - ".crt".length()) + ".key");
    }
}
