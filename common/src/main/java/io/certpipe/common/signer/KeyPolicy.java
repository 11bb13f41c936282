package io.certpipe.common.signer;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import io.certpipe.common.csr.ParsedRequest;

/**
 * The subject keys certpipe certifies, whatever the signer (boulder's {@code goodkey}): RSA of 2048 to 8192 bits,
 * ECDSA on P-256 or P-384, or Ed25519. Anything smaller is breakable within a certificate's life, anything larger or
 * of another kind is not something the relying parties certpipe serves are known to handle. A request carrying one of
 * the signer's own CA keys is refused too: whoever holds that private key must never get a second certificate for it.
 * signing-service enforces this before it signs; intake calls it at create time.
 */
public final class KeyPolicy {

    public static final int MIN_RSA_BITS = 2048;
    public static final int MAX_RSA_BITS = 8192;

    private static final Map<ASN1ObjectIdentifier, String> PERMITTED_CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384");
    private static final String PERMITTED = "RSA 2048-8192, ECDSA P-256 or P-384, Ed25519";

    private KeyPolicy() {
    }

    /** Every key rule {@code request} breaks, given no CA keys to compare with. */
    public static List<Violation> check(ParsedRequest request) {
        return check(request, List.of());
    }

    /** Every key rule {@code request} breaks, comparing its key with each of {@code caKeys} (a signer's CA keys). */
    public static List<Violation> check(ParsedRequest request, Collection<PublicKey> caKeys) {
        List<Violation> violations = new ArrayList<>();
        SubjectPublicKeyInfo keyInfo = request.request().getSubjectPublicKeyInfo();
        AlgorithmIdentifier algorithm = keyInfo.getAlgorithm();
        ASN1ObjectIdentifier keyType = algorithm.getAlgorithm();
        if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            checkRsaSize(keyInfo, violations);
        } else if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)
                    || !PERMITTED_CURVES.containsKey(curve)) {
                violations.add(new Violation(Violation.Reason.KEY_CURVE_NOT_PERMITTED, "EC key curve "
                        + curveName(algorithm) + " is not allowed (" + PERMITTED + ")"));
            }
        } else if (!keyType.equals(EdECObjectIdentifiers.id_Ed25519)) {
            violations.add(new Violation(Violation.Reason.KEY_ALGORITHM_NOT_PERMITTED, "key algorithm "
                    + keyTypeName(keyType) + " is not allowed (" + PERMITTED + ")"));
        }
        if (caKeys.stream().anyMatch(caKey -> sameKey(caKey, request.publicKey()))) {
            violations.add(new Violation(Violation.Reason.KEY_IS_A_CA_KEY,
                    "the request's public key is the signer's own CA key"));
        }
        return List.copyOf(violations);
    }

    private static void checkRsaSize(SubjectPublicKeyInfo keyInfo, List<Violation> violations) {
        int bits;
        try {
            bits = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(keyInfo.parsePublicKey()).getModulus()
                    .bitLength();
        } catch (IOException | IllegalArgumentException e) {
            violations.add(new Violation(Violation.Reason.KEY_ALGORITHM_NOT_PERMITTED, "the RSA key is malformed"));
            return;
        }
        if (bits < MIN_RSA_BITS) {
            violations.add(new Violation(Violation.Reason.KEY_TOO_SMALL, "RSA key of " + bits
                    + " bits is too short (at least " + MIN_RSA_BITS + ")"));
        } else if (bits > MAX_RSA_BITS) {
            violations.add(new Violation(Violation.Reason.KEY_TOO_LARGE, "RSA key of " + bits
                    + " bits is too long (at most " + MAX_RSA_BITS + ")"));
        }
    }

    /**
     * Whether two public keys are one key pair's. RSA keys compare by modulus alone (a changed exponent does not make
     * the private key another one); other keys by their encoding, which the JDK normalises when it decodes them.
     */
    private static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey rsaA && b instanceof RSAPublicKey rsaB) {
            return rsaA.getModulus().equals(rsaB.getModulus());
        }
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static String curveName(AlgorithmIdentifier algorithm) {
        if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return "with explicit parameters";
        }
        String name = ECNamedCurveTable.getName(curve);
        return name != null ? name : curve.getId();
    }

    private static String keyTypeName(ASN1ObjectIdentifier keyType) {
        if (keyType.equals(X9ObjectIdentifiers.id_dsa)) {
            return "DSA";
        }
        if (keyType.equals(EdECObjectIdentifiers.id_Ed448)) {
            return "Ed448";
        }
        return keyType.getId();
    }
}
