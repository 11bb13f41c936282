package io.certpipe.common.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The provider certpipe verifies and signs with when an EC key is in its memory: Bouncy Castle's, whose P-256
 * arithmetic is several times the JDK 25's (on the 2-core bench machine a verification took 0.10 ms against 0.71 ms,
 * and a signature 0.10 ms against 0.21 ms). Every certificate costs a dozen of them across the services: a request's
 * self-signature twice, the events' signatures, the certificate's own (docs/architecture.md, "Where the bottleneck
 * is"). Keys are translated into the provider's own classes once, where they are loaded; handed a JDK key, it would
 * translate it again on every use. RSA and Ed25519 keys stay with the JDK's providers, and a token's keys with the
 * token's provider.
 */
public final class BouncyCastle {

    /** Made on first use: building the provider loads hundreds of classes. */
    private static final class Holder {
        private static final Provider INSTANCE = new BouncyCastleProvider();
    }

    private BouncyCastle() {
    }

    public static Provider provider() {
        return Holder.INSTANCE;
    }

    /** The provider to use {@code key} with: this one for an EC key, null (the JDK's providers) for any other. */
    public static Provider forKey(Key key) {
        return isEc(key) ? provider() : null;
    }

    /** {@code key} as this provider's own key if it is an EC key, else {@code key} itself. */
    public static PublicKey translate(PublicKey key) {
        if (!isEc(key)) {
            return key;
        }
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw unusable(key, e);
        }
    }

    /** {@code key} as this provider's own key if it is an EC key, else {@code key} itself. */
    public static PrivateKey translate(PrivateKey key) {
        if (!isEc(key)) {
            return key;
        }
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw unusable(key, e);
        }
    }

    private static boolean isEc(Key key) {
        return "EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm());
    }

    /**
     * Reads keys from their encodings: translating the JDK's key object instead would carry its curve as explicit
     * parameters, and the key would encode differently from the one it stands for (no longer naming P-256).
     */
    private static KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", provider());
    }

    private static IllegalArgumentException unusable(Key key, GeneralSecurityException e) {
        return new IllegalArgumentException("cannot use this EC key with Bouncy Castle: " + e.getMessage(), e);
    }
}
