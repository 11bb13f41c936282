package io.certpipe.signing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How signing-service finds its CA keys and how long the certificates it issues may live. */
@ConfigMapping(prefix = "certpipe.signing")
public interface SigningConfig {

    /**
     * The directory holding one CA per cluster and signer:
     * {@code <cluster>/<signerName with '/' replaced by ':'>/ca.crt} and {@code ca.key}.
     */
    Path caDirectory();

    /**
     * The longest lifetime any certificate gets, whatever {@code expirationSeconds} asks for (Kubernetes'
     * {@code --cluster-signing-duration}, one year by default).
     */
    @WithDefault("8760h")
    Duration maxLifetime();

    /**
     * The passphrase of encrypted PKCS#8 CA keys ({@code ENCRYPTED PRIVATE KEY}). Set it through the environment
     * variable {@code CERTPIPE_SIGNING_KEY_PASSPHRASE}, never in a file; unencrypted keys need none.
     */
    Optional<String> keyPassphrase();
}
