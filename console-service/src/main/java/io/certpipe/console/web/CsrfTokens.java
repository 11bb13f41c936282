package io.certpipe.console.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Synchronizer tokens against cross-site request forgery: every form the console renders carries, in the field
 * {@value #FIELD}, a MAC of the sign-in session it was rendered for, and every state-changing request must present the
 * MAC of the session its cookie holds. A page of another site can neither read the token nor compute it. The key
 * lives in memory only: after a restart, a form opened before asks to be reloaded.
 */
@ApplicationScoped
public class CsrfTokens {

    /** The hidden form field that carries the token. */
    public static final String FIELD = "csrf";

    private static final String MAC = "HmacSHA256";
    /** Binds the MAC to this use, should the key ever serve another. */
    private static final String PURPOSE = "certpipe-console form of session ";

    private final SecretKeySpec key;

    public CsrfTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
    }

    /** The token of forms rendered for session {@code sessionKey}. */
    public String issue(String sessionKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(sessionKey));
    }

    /** Whether {@code presented} is the token of session {@code sessionKey}; compared in constant time. */
    public boolean verify(String sessionKey, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] expected = issue(sessionKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String sessionKey) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal((PURPOSE + sessionKey).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + MAC, e);
        }
    }
}
