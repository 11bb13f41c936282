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
import io.certpipe.common.pki.Pkcs11Config;
import io.certpipe.common.pki.Pkcs11Settings;
import io.certpipe.common.pki.Pkcs11Token;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * CA keys in a PKCS#11 token, for {@code ./certpipe up --hsm}: generated inside the token, sensitive and never
 * extractable, each stored with its self-signed certificate under the label signing-service looks it up by
 * ({@link Pkcs11Token#labelOf}), so that no CA private key is ever on disk.
 */
public final class TokenCaKeys implements CaKeys {

    private final Pkcs11Token token;

    public TokenCaKeys(Pkcs11Token token) {
        this.token = token;
    }

    /**
     * The token signing-service uses, configured the same way ({@code certpipe.signing.pkcs11.*}), here from the
     * environment and system properties.
     */
    public static TokenCaKeys fromEnvironment() throws CaLoadException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().withMapping(Pkcs11Config.class)
                .build();
        return new TokenCaKeys(Pkcs11Token.open(Pkcs11Settings.of(config.getConfigMapping(Pkcs11Config.class))));
    }

    /**
     * A CA is there when its certificate is: the key is in the token, and should it be gone, signing-service's key
     * check reports the CA down. A missing certificate whose key the token holds is written again from the token.
     */
    @Override
    public boolean exists(Path certificateFile, PrintStream log) throws CaLoadException, IOException {
        if (Files.exists(certificateFile)) {
            return true;
        }
        String label = Pkcs11Token.labelOf(certificateFile);
        Optional<Pkcs11Token.Entry> entry = token.entry(label);
        if (entry.isEmpty()) {
            return false;
        }
        PemFiles.writeCertificate(certificateFile, entry.get().certificate());
        log.println("wrote " + certificateFile + " from the token's CA \"" + label + "\"");
        return true;
    }

    @Override
    public KeyPair generate() throws GeneralSecurityException {
        return token.generateCaKeyPair();
    }

    @Override
    public String keep(Path certificateFile, KeyPair key, X509CertificateHolder certificate)
            throws GeneralSecurityException, IOException {
        String label = Pkcs11Token.labelOf(certificateFile);
        token.store(label, key.getPrivate(), certificate);
        PemFiles.writeCertificate(certificateFile, certificate);
        return "key generated in the token, labelled \"" + label + "\"";
    }

    @Override
    public PrivateKey keyOf(Path certificateFile, X509CertificateHolder certificate) throws CaLoadException {
        return token.caKey(certificateFile, certificate);
    }

    @Override
    public ContentSigner signer(PrivateKey key, String keyName) throws CaLoadException, OperatorCreationException {
        return CaSignatures.signer(CaSignatures.algorithmFor(key, keyName), key, token.provider());
    }
}
