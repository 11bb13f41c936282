package io.certpipe.common.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;

class BouncyCastleTest {

    private static final byte[] MESSAGE = "an event's bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void translatesAnEcKeyIntoItsOwnClassesKeepingTheKey() throws Exception {
        KeyPair jdk = ecKeyPair();

        PublicKey publicKey = BouncyCastle.translate(jdk.getPublic());
        PrivateKey privateKey = BouncyCastle.translate(jdk.getPrivate());

        assertTrue(publicKey.getClass().getName().startsWith("org.bouncycastle."), publicKey.getClass().getName());
        assertTrue(privateKey.getClass().getName().startsWith("org.bouncycastle."), privateKey.getClass().getName());
        assertArrayEquals(jdk.getPublic().getEncoded(), publicKey.getEncoded());
        assertEquals(((ECPrivateKey) jdk.getPrivate()).getS(), ((ECPrivateKey) privateKey).getS());
        assertSame(BouncyCastle.provider(), BouncyCastle.forKey(publicKey));
    }

    @Test
    void leavesAnRsaKeyToTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();

        assertSame(rsa.getPublic(), BouncyCastle.translate(rsa.getPublic()));
        assertSame(rsa.getPrivate(), BouncyCastle.translate(rsa.getPrivate()));
        assertNull(BouncyCastle.forKey(rsa.getPublic()));
    }

    @Test
    void signaturesCrossBetweenItAndTheJdkBothWays() throws Exception {
        KeyPair jdk = ecKeyPair();
        KeyPair translated = new KeyPair(BouncyCastle.translate(jdk.getPublic()),
                BouncyCastle.translate(jdk.getPrivate()));

        assertTrue(verifies(null, jdk.getPublic(), sign(BouncyCastle.provider(), translated.getPrivate())));
        assertTrue(verifies(BouncyCastle.provider(), translated.getPublic(), sign(null, jdk.getPrivate())));
    }

    @Test
    void refusesATamperedOrNonCanonicalSignature() throws Exception {
        KeyPair jdk = ecKeyPair();
        PublicKey publicKey = BouncyCastle.translate(jdk.getPublic());
        byte[] signature = sign(null, jdk.getPrivate());

        byte[] tampered = signature.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(verifies(BouncyCastle.provider(), publicKey, tampered));

        // The same r and s with a superfluous leading zero in s: valid BER, not DER, refused as the JDK refuses it.
        byte[] padded = withPaddedS(signature);
        assertEquals(signature.length + 1, padded.length);
        assertFalse(verifiesOrThrows(BouncyCastle.provider(), publicKey, padded));
        assertFalse(verifiesOrThrows(null, jdk.getPublic(), padded));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(CaSignatures.KEY_CURVE));
        return generator.generateKeyPair();
    }

    private static byte[] sign(Provider provider, PrivateKey key) throws GeneralSecurityException {
        Signature signature = provider == null ? Signature.getInstance("SHA256withECDSA")
                : Signature.getInstance("SHA256withECDSA", provider);
        signature.initSign(key);
        signature.update(MESSAGE);
        return signature.sign();
    }

    private static boolean verifies(Provider provider, PublicKey key, byte[] der) throws GeneralSecurityException {
        Signature signature = provider == null ? Signature.getInstance("SHA256withECDSA")
                : Signature.getInstance("SHA256withECDSA", provider);
        signature.initVerify(key);
        signature.update(MESSAGE);
        return signature.verify(der);
    }

    private static boolean verifiesOrThrows(Provider provider, PublicKey key, byte[] der) {
        try {
            return verifies(provider, key, der);
        } catch (GeneralSecurityException refused) {
            return false;
        }
    }

    /** {@code der} (SEQUENCE of INTEGER r, INTEGER s, short form lengths) with s given one more leading zero byte. */
    private static byte[] withPaddedS(byte[] der) {
        int rLength = der[3];
        int sTag = 4 + rLength;
        int sLength = der[sTag + 1];
        byte[] padded = new byte[der.length + 1];
        padded[0] = 0x30;
        padded[1] = (byte) (der[1] + 1);
        System.arraycopy(der, 2, padded, 2, 2 + rLength);
        padded[sTag] = 0x02;
        padded[sTag + 1] = (byte) (sLength + 1);
        padded[sTag + 2] = 0;
        System.arraycopy(der, sTag + 2, padded, sTag + 3, sLength);
        return padded;
    }
}
