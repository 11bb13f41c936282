package io.certpipe.common.event.signature;

import java.nio.file.Path;

/**
 * Where the event keys of a certpipe home live: each publishing service's private key in
 * {@code event-keys/<service>/signing.pem} (mode 600, in a 700 directory), and every public key a consumer trusts in
 * {@code event-keys/trusted/<service>/<keyId>.pem}, filed under the service it speaks for. {@link EventKeysTool}
 * writes this layout and the services read it.
 */
public record EventKeyLayout(Path home) {

    private static final String KEY_DIRECTORY = "event-keys";
    private static final String TRUSTED = "trusted";
    private static final String SIGNING_KEY = "signing.pem";
    private static final String RETIRED = "retired";
    private static final String TOKEN_KEY = "token-key";
    static final String PEM_SUFFIX = ".pem";

    public Path keyDirectory() {
        return home.resolve(KEY_DIRECTORY);
    }

    /** The private key {@code service} signs with. */
    public Path signingKey(String service) {
        return keyDirectory().resolve(service).resolve(SIGNING_KEY);
    }

    /** The pointer file naming the token key {@code service} signs with, when its keys are in a token. */
    public Path tokenKey(String service) {
        return keyDirectory().resolve(service).resolve(TOKEN_KEY);
    }

    /** The directory of public keys consumers trust, one subdirectory per publishing service. */
    public Path trustedKeys() {
        return keyDirectory().resolve(TRUSTED);
    }

    /**
     * The directory of retired public keys, in the same layout: no consumer accepts them any more, but they signed
     * while they were current, so an auditor verifying history ({@code audit verify}) still needs them.
     */
    public Path retiredKeys() {
        return keyDirectory().resolve(RETIRED);
    }

    /** Where the public key {@code keyId} of {@code service} is published in {@code trustedKeys}. */
    public static Path trustedKey(Path trustedKeys, String service, String keyId) {
        return trustedKeys.resolve(service).resolve(keyId + PEM_SUFFIX);
    }
}
