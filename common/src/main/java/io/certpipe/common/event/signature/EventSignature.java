package io.certpipe.common.event.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * The detached signature a publisher puts on each record it sends, as Kafka headers: {@value #KEY_ID_HEADER} names
 * the key, {@value #SIGNATURE_HEADER} is the base64 of the DER ECDSA signature ({@value #ALGORITHM}, P-256), and
 * {@value #PROOF_HEADER} the base64 of the record's inclusion proof in the round it was sent in: the signature is over
 * that round's {@link BatchTree} statement, which the record's value bytes exactly as sent and its proof lead to. A
 * record without a proof header is signed over its value bytes themselves. All are ASCII, so a console consumer shows
 * them. docs/events.md says how to check one with openssl.
 */
public record EventSignature(String keyId, String signature) {

    public static final String KEY_ID_HEADER = "certpipe-key-id";
    public static final String SIGNATURE_HEADER = "certpipe-signature";
    public static final String PROOF_HEADER = "certpipe-proof";
    public static final String ALGORITHM = "SHA256withECDSA";
    /** The JCA name of the key algorithm and the curve every event key is on. */
    public static final String KEY_ALGORITHM = "EC";
    public static final String CURVE = "secp256r1";

    /** Hex digits of a key id: 64 bits of the key's hash tell a handful of keys apart with room to spare. */
    private static final int KEY_ID_HEX_DIGITS = 16;

    /** The id of {@code key}: the first 16 lowercase hex digits of SHA-256 over its DER SubjectPublicKeyInfo. */
    public static String keyIdOf(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(hash).substring(0, KEY_ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code text} has the form of a key id, so it can be written in a log line or used as a file name. */
    public static boolean isKeyId(String text) {
        return text != null && text.length() == KEY_ID_HEX_DIGITS && text.chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
