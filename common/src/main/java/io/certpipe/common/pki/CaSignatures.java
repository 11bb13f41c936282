package io.certpipe.common.pki;

import java.security.PrivateKey;
import java.security.Provider;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * How a CA key signs a certificate, wherever the key lives: signing-service's CAs and the admin tool that makes the
 * local PKI sign the same way.
 */
public final class CaSignatures {

    /** The curve of every key certpipe creates for itself, in a file or in a token (openssl's P-256). */
    public static final String KEY_CURVE = "secp256r1";

    private static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURE_ALGORITHMS =
            new DefaultSignatureAlgorithmIdentifierFinder();
    private static final DefaultDigestAlgorithmIdentifierFinder DIGEST_ALGORITHMS =
            new DefaultDigestAlgorithmIdentifierFinder();

    private CaSignatures() {
    }

    /** The signature algorithm a CA key of this type signs certificates with; {@code keyName} names it in errors. */
    public static String algorithmFor(PrivateKey key, String keyName) throws CaLoadException {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new CaLoadException(keyName + " is a " + key.getAlgorithm()
                    + " key; CA keys must be EC or RSA");
        };
    }

    /**
     * A content signer for {@code key} in {@code provider}; with no provider, a key in memory: an EC key signs
     * through Bouncy Castle's lightweight API, several times the JDK's speed at P-256 ({@link Ecdsa}), any other
     * through the JDK's providers.
     */
    public static ContentSigner signer(String algorithm, PrivateKey key, Provider provider)
            throws OperatorCreationException {
        if (provider == null && Ecdsa.isEc(key)) {
            AlgorithmIdentifier signature = SIGNATURE_ALGORITHMS.find(algorithm);
            try {
                return new BcECContentSignerBuilder(signature, DIGEST_ALGORITHMS.find(signature))
                        .build(Ecdsa.privateKey(key));
            } catch (IllegalArgumentException unusable) {
                throw new OperatorCreationException(unusable.getMessage(), unusable);
            }
        }
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
        return (provider == null ? builder : builder.setProvider(provider)).build(key);
    }
}
