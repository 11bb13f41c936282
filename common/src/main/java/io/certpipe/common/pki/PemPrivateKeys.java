package io.certpipe.common.pki;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads a CA private key from PEM: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, with
 * a passphrase), or the traditional OpenSSL forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}). Errors name the
 * file, never its content.
 */
public final class PemPrivateKeys {

    /**
     * Only to decrypt PBES2 key files, whose algorithm identifiers the JDK's providers do not all resolve; made on
     * first use, since building the provider loads hundreds of classes a plain key never needs.
     */
    private static final class DecryptionProvider {
        private static final BouncyCastleProvider INSTANCE = new BouncyCastleProvider();
    }

    private PemPrivateKeys() {
    }

    public static PrivateKey read(Path file, Optional<String> passphrase) throws CaLoadException {
        Object pem;
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            pem = parser.readObject();
        } catch (IOException e) {
            throw new CaLoadException("cannot read CA key " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (pem) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PKCS8EncryptedPrivateKeyInfo encrypted -> converter.getPrivateKey(decrypt(file, encrypted,
                        passphrase));
                case PEMEncryptedKeyPair ignored -> throw new CaLoadException(file + " is an encrypted traditional "
                        + "OpenSSL key; convert it to encrypted PKCS#8 (openssl pkcs8 -topk8 -v2 aes-256-cbc)");
                case null -> throw new CaLoadException(file + " holds no PEM block");
                default -> throw new CaLoadException(file + " holds a " + pem.getClass().getSimpleName()
                        + ", not a private key");
            };
        } catch (IOException e) {
            throw new CaLoadException("cannot decode CA key " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted,
            Optional<String> passphrase) throws CaLoadException {
        String secret = passphrase.orElseThrow(() -> new CaLoadException(file + " is encrypted and no passphrase "
                + "is configured (CERTPIPE_SIGNING_KEY_PASSPHRASE)"));
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(DecryptionProvider.INSTANCE)
                    .build(secret.toCharArray()));
        } catch (PKCSException | OperatorCreationException e) {
            throw new CaLoadException("cannot decrypt " + file + " (wrong passphrase or unsupported cipher)");
        }
    }
}
