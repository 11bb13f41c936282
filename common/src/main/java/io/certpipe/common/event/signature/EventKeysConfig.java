package io.certpipe.common.event.signature;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a service finds the key it signs its events with and the public keys it verifies records with. By default
 * both are in the home's event keys ({@link EventKeyLayout}), which {@code ./certpipe up} creates with
 * {@link EventKeysTool}; the two paths can be set apart for a deployment that mounts them from elsewhere.
 */
@ConfigMapping(prefix = "certpipe.events")
public interface EventKeysConfig {

    /** The certpipe home whose {@code event-keys} directory holds the keys; the launcher exports CERTPIPE_HOME. */
    @WithDefault("${CERTPIPE_HOME:../.certpipe}")
    Path home();

    /**
     * This service's signing key: a PKCS#8 {@code PRIVATE KEY} PEM block followed by its {@code PUBLIC KEY} block.
     * Default {@code <home>/event-keys/<service>/signing.pem}. Re-read when the file changes.
     */
    Optional<Path> signingKey();

    /**
     * The directory of trusted public keys, {@code <service>/<keyId>.pem}. Default
     * {@code <home>/event-keys/trusted}.
     */
    Optional<Path> trustedKeys();

    /**
     * This service's event keys in a PKCS#11 token of their own instead of a file ({@code ./certpipe up --hsm} gives
     * intake this): the signing key is the token key the pointer file {@code <home>/event-keys/<service>/token-key}
     * names. Absent unless set.
     */
    Optional<Token> token();

    /** The PKCS#11 token of a service's event keys. */
    interface Token {

        /** The token's PKCS#11 library (SoftHSM2: {@code /usr/lib/softhsm/libsofthsm2.so}). */
        Path library();

        /** The token's slot id, as {@code softhsm2-util --show-slots} lists it. */
        int slot();

        /** A file whose first line is the token's user PIN, readable by this service alone. */
        Path pinFile();
    }

    /** How long a read of the trusted keys serves before the next record makes it read them again. */
    @WithDefault("5s")
    Duration trustedKeysRefresh();
}
