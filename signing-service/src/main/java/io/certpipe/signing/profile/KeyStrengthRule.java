package io.certpipe.signing.profile;

import java.security.interfaces.RSAPublicKey;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import io.certpipe.common.csr.ParsedRequest;

/**
 * Every signer: the subject key must be one a CA may certify (boulder's {@code goodkey}): RSA of at least 2048 bits, EC
 * on P-256, P-384 or P-521, or Ed25519. A signature over a weak key would outlive the key's strength.
 */
final class KeyStrengthRule {

    static final int MIN_RSA_BITS = 2048;

    private static final Set<ASN1ObjectIdentifier> ALLOWED_CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private KeyStrengthRule() {
    }

    static void check(ParsedRequest request, String signerName) {
        SubjectPublicKeyInfo keyInfo = request.request().getSubjectPublicKeyInfo();
        AlgorithmIdentifier algorithm = keyInfo.getAlgorithm();
        ASN1ObjectIdentifier keyType = algorithm.getAlgorithm();
        if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            int bits = ((RSAPublicKey) request.publicKey()).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new SignerRuleViolation("RSA key of " + bits + " bits is too short for " + signerName
                        + " (at least " + MIN_RSA_BITS + ")");
            }
        } else if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) || !ALLOWED_CURVES.contains(curve)) {
                throw new SignerRuleViolation("EC key curve is not allowed for " + signerName
                        + " (P-256, P-384 or P-521)");
            }
        } else if (!keyType.equals(EdECObjectIdentifiers.id_Ed25519)) {
            throw new SignerRuleViolation("key algorithm " + keyType.getId() + " is not allowed for " + signerName
                    + " (RSA, EC or Ed25519)");
        }
    }
}
