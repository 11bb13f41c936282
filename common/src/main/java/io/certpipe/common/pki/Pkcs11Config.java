package io.certpipe.common.pki;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;

/**
 * The PKCS#11 token that holds the CA keys when {@code certpipe.signing.key-mode} is {@code pkcs11}: its library, its
 * slot, and its user PIN. Read by signing-service and by the admin tool that makes the local PKI, which
 * {@code ./certpipe up --hsm} runs with the same environment.
 */
@ConfigMapping(prefix = "certpipe.signing.pkcs11")
public interface Pkcs11Config {

    /**
     * The token vendor's PKCS#11 library, loaded by Java's SunPKCS11 provider (SoftHSM2 as Debian installs it:
     * {@code /usr/lib/softhsm/libsofthsm2.so}). Required in {@code pkcs11} key mode.
     */
    Optional<Path> library();

    /**
     * The id of the token's slot, as {@code pkcs11-tool -L} or {@code softhsm2-util --show-slots} list it. SunPKCS11
     * cannot select a token by its label, and SoftHSM2 moves a token to a slot id of its own when it initialises it;
     * that id then stays. Exactly one of {@code slot} and {@code slot-list-index} is set in {@code pkcs11} key mode.
     */
    OptionalInt slot();

    /** The token's position in the library's list of slots, 0 for the first (SunPKCS11's {@code slotListIndex}). */
    OptionalInt slotListIndex();

    /**
     * A file whose first line is the token's user PIN, readable by signing-service alone. Used unless {@link #pin()}
     * is set.
     */
    Optional<Path> pinFile();

    /**
     * The user PIN itself. Set it through the environment variable {@code CERTPIPE_SIGNING_PKCS11_PIN} only, never in
     * a properties file; it takes precedence over {@link #pinFile()}.
     */
    Optional<String> pin();
}
