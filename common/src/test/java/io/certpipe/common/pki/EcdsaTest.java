package io.certpipe.common.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

class EcdsaTest {

    private static final byte[] MESSAGE = "an event's bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void itsSignaturesVerifyWithTheJdkAndTheJdksWithIt() throws Exception {
        KeyPair pair = ecKeyPair();

        assertTrue(jdkVerifies(pair.getPublic(), Ecdsa.sign(Ecdsa.privateKey(pair.getPrivate()), MESSAGE)));
        assertTrue(Ecdsa.verifies(Ecdsa.publicKey(pair.getPublic()), MESSAGE, jdkSignature(pair.getPrivate())));
    }

    @Test
    void signsTheSameMessageAlikeWithoutARandomSource() throws Exception {
        var key = Ecdsa.privateKey(ecKeyPair().getPrivate());

        assertArrayEquals(Ecdsa.sign(key, MESSAGE), Ecdsa.sign(key, MESSAGE));
    }

    @Test
    void refusesAnotherKeyAnotherMessageAndATamperedSignature() throws Exception {
        KeyPair pair = ecKeyPair();
        ECPublicKeyParameters publicKey = Ecdsa.publicKey(pair.getPublic());
        byte[] signature = Ecdsa.sign(Ecdsa.privateKey(pair.getPrivate()), MESSAGE);

        assertFalse(Ecdsa.verifies(Ecdsa.publicKey(ecKeyPair().getPublic()), MESSAGE, signature));
        assertFalse(Ecdsa.verifies(publicKey, "another".getBytes(StandardCharsets.UTF_8), signature));
        byte[] tampered = signature.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(Ecdsa.verifies(publicKey, MESSAGE, tampered));
        assertFalse(Ecdsa.verifies(publicKey, MESSAGE, new byte[] {0x30, 0x00}));
    }

    @Test
    void refusesASignatureThatIsValidBerButNotDer() throws Exception {
        KeyPair pair = ecKeyPair();
        byte[] signature = jdkSignature(pair.getPrivate());

        // The same r and s with a superfluous leading zero in s: the JDK refuses it too.
        byte[] padded = withPaddedS(signature);
        assertEquals(signature.length + 1, padded.length);
        assertFalse(Ecdsa.verifies(Ecdsa.publicKey(pair.getPublic()), MESSAGE, padded));
    }

    @Test
    void takesOnlyEcKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();

        assertFalse(Ecdsa.isEc(rsa.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Ecdsa.publicKey(rsa.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Ecdsa.privateKey(rsa.getPrivate()));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(CaSignatures.KEY_CURVE));
        return generator.generateKeyPair();
    }

    private static byte[] jdkSignature(PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(MESSAGE);
        return signature.sign();
    }

    private static boolean jdkVerifies(PublicKey key, byte[] der) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(key);
        signature.update(MESSAGE);
        return signature.verify(der);
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
