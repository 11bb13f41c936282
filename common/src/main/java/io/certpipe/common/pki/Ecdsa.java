package io.certpipe.common.pki;

import java.io.IOException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * ECDSA with SHA-256 for keys held in memory, through Bouncy Castle's lightweight API: its P-256 arithmetic is several
 * times the JDK 25's (on the 2-core bench machine a verification took 0.10 ms against 0.71 ms), and every
 * certificate costs a dozen signatures and verifications across the services (docs/architecture.md, "Where the
 * bottleneck is"). The lightweight API rather than Bouncy Castle's JCA provider, which is as fast but registers
 * hundreds of classes a service never uses (13 MB of a bare JVM's memory). Signatures are DER-encoded, as the JCA's
 * {@code SHA256withECDSA} writes them, and a verification refuses any other encoding. Signing derives each nonce
 * from the key and the message (RFC 6979), so it depends on no random source.
 */
public final class Ecdsa {

    private Ecdsa() {
    }

    /** Whether {@code key} is an EC key, which this class can use. */
    public static boolean isEc(Key key) {
        return "EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm());
    }

    /** EC public key {@code key}, read from its encoding once, to verify with. */
    public static ECPublicKeyParameters publicKey(PublicKey key) {
        try {
            if (isEc(key) && PublicKeyFactory.createKey(key.getEncoded()) instanceof ECPublicKeyParameters ec) {
                return ec;
            }
        } catch (IOException | RuntimeException malformed) {
            throw new IllegalArgumentException("not a usable EC public key: " + malformed.getMessage(), malformed);
        }
        throw new IllegalArgumentException("not an EC public key: " + key.getAlgorithm());
    }

    /** EC private key {@code key}, read from its encoding once, to sign with. */
    public static ECPrivateKeyParameters privateKey(PrivateKey key) {
        try {
            if (isEc(key) && PrivateKeyFactory.createKey(key.getEncoded()) instanceof ECPrivateKeyParameters ec) {
                return ec;
            }
        } catch (IOException | RuntimeException malformed) {
            throw new IllegalArgumentException("not a usable EC private key: " + malformed.getMessage(), malformed);
        }
        throw new IllegalArgumentException("not an EC private key: " + key.getAlgorithm());
    }

    /** The DER signature of {@code message} under {@code key}. */
    public static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        DSADigestSigner signer = signer(true, key);
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (RuntimeException e) {
            throw new IllegalStateException("ECDSA signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is a DER signature of {@code message} under {@code key}; anything malformed is not. */
    public static boolean verifies(ECPublicKeyParameters key, byte[] message, byte[] signature) {
        DSADigestSigner verifier = signer(false, key);
        verifier.update(message, 0, message.length);
        try {
            return verifier.verifySignature(signature);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static DSADigestSigner signer(boolean forSigning, AsymmetricKeyParameter key) {
        DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
                new SHA256Digest());
        signer.init(forSigning, key);
        return signer;
    }
}
