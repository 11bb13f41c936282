package io.certpipe.common.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to reach the PKCS#11 token of the CA keys: its library, its slot, and where its user PIN comes from. The PIN is
 * read only when the token is opened, and nothing here ever prints it.
 */
public final class Pkcs11Settings {

    /** The name of the SunPKCS11 provider instance: {@code SunPKCS11-certpipe}. */
    private static final String PROVIDER_NAME = "certpipe";

    /**
     * Keys generated through the provider are token objects (they outlive the session), private, sensitive and never
     * extractable (their value never leaves the token, not even wrapped), and may only sign: a CA key decrypts,
     * unwraps and derives nothing. Public keys stay session objects: the CA certificate carries the public key.
     */
    private static final String CA_KEY_ATTRIBUTES = """
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_TOKEN = true
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
              CKA_SIGN = true
              CKA_DECRYPT = false
              CKA_UNWRAP = false
              CKA_DERIVE = false
            }
            """;

    private final Path library;
    private final OptionalInt slot;
    private final OptionalInt slotListIndex;
    private final Optional<String> pin;
    private final Optional<Path> pinFile;

    public Pkcs11Settings(Path library, OptionalInt slot, OptionalInt slotListIndex, Optional<String> pin,
            Optional<Path> pinFile) {
        if (slot.isPresent() == slotListIndex.isPresent()) {
            throw new IllegalArgumentException("set exactly one of certpipe.signing.pkcs11.slot and "
                    + "certpipe.signing.pkcs11.slot-list-index to choose the token");
        }
        if (pin.isEmpty() && pinFile.isEmpty()) {
            throw new IllegalArgumentException("the token's PIN is not configured: set certpipe.signing.pkcs11.pin-file "
                    + "or the environment variable CERTPIPE_SIGNING_PKCS11_PIN");
        }
        this.library = library;
        this.slot = slot;
        this.slotListIndex = slotListIndex;
        this.pin = pin;
        this.pinFile = pinFile;
    }

    /**
     * The settings {@code config} describes.
     *
     * @throws IllegalArgumentException when they cannot name one token and its PIN, a configuration error that
     *         stops the service
     */
    public static Pkcs11Settings of(Pkcs11Config config) {
        Path library = config.library().orElseThrow(() -> new IllegalArgumentException(
                "certpipe.signing.pkcs11.library is not set: name the token's PKCS#11 library"));
        return new Pkcs11Settings(library, config.slot(), config.slotListIndex(), config.pin(), config.pinFile());
    }

    /** The SunPKCS11 configuration of this token (the JDK's PKCS#11 Reference Guide describes the format). */
    String providerConfiguration() {
        String slotLine = slot.isPresent() ? "slot = " + slot.getAsInt()
                : "slotListIndex = " + slotListIndex.getAsInt();
        return "name = " + PROVIDER_NAME + "\n"
                + "library = \"" + library + "\"\n"
                + slotLine + "\n"
                + CA_KEY_ATTRIBUTES;
    }

    /**
     * The user PIN, from the environment or the first line of the PIN file; the caller clears the array after use.
     *
     * @throws CaLoadException when the PIN file cannot be read or is empty
     */
    char[] pin() throws CaLoadException {
        if (pin.isPresent()) {
            return pin.get().toCharArray();
        }
        Path file = pinFile.orElseThrow();
        try {
            String firstLine = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (firstLine.isEmpty()) {
                throw new CaLoadException("the PIN file " + file + " is empty");
            }
            return firstLine.toCharArray();
        } catch (IOException e) {
            throw new CaLoadException("the PIN file " + file + " is missing or unreadable");
        }
    }

    /** The token as an operator names it: its slot and library, never its PIN. */
    @Override
    public String toString() {
        String where = slot.isPresent() ? "slot " + slot.getAsInt() : "slot list index " + slotListIndex.getAsInt();
        return "the PKCS#11 token in " + where + " of " + library;
    }
}
