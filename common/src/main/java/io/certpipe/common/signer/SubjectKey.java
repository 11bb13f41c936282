package io.certpipe.common.signer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import io.certpipe.common.csr.ParsedRequest;

/**
 * The kind of key a request carries, read from its encoded SubjectPublicKeyInfo rather than from the JDK's key object,
 * which cannot even decode some curves: the algorithm, and an RSA key's modulus length or an ECDSA key's named curve.
 * {@link KeyPolicy} judges it against certpipe's key rules, approval policies against their own.
 *
 * @param algorithm {@link #RSA}, {@link #ECDSA}, {@link #ED25519}, or the name (else the OID) of another algorithm
 * @param rsaBits the modulus length of an RSA key; 0 for other keys
 * @param curve the named curve of an ECDSA key; null for other keys and for a curve given by explicit parameters
 */
public record SubjectKey(String algorithm, int rsaBits, ASN1ObjectIdentifier curve) {

    public static final String RSA = "RSA";
    public static final String ECDSA = "ECDSA";
    public static final String ED25519 = "Ed25519";

    public static final String P_256 = "P-256";
    public static final String P_384 = "P-384";
    public static final String P_521 = "P-521";
    /** The NIST curves (FIPS 186) by the names certpipe's rules use for them, smallest first. */
    public static final List<String> NIST_CURVE_NAMES = List.of(P_256, P_384, P_521);

    private static final Map<ASN1ObjectIdentifier, String> NIST_CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, P_256,
            SECObjectIdentifiers.secp384r1, P_384,
            SECObjectIdentifiers.secp521r1, P_521);

    /**
     * Reads the key of {@code request}.
     *
     * @throws IllegalArgumentException when an RSA key's modulus cannot be read
     */
    public static SubjectKey of(ParsedRequest request) {
        SubjectPublicKeyInfo keyInfo = request.request().getSubjectPublicKeyInfo();
        AlgorithmIdentifier algorithm = keyInfo.getAlgorithm();
        ASN1ObjectIdentifier keyType = algorithm.getAlgorithm();
        if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return new SubjectKey(RSA, rsaBits(keyInfo), null);
        }
        if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return new SubjectKey(ECDSA, 0,
                    algorithm.getParameters() instanceof ASN1ObjectIdentifier named ? named : null);
        }
        return new SubjectKey(algorithmName(keyType), 0, null);
    }

    /** The NIST name of an ECDSA key's curve (one of {@link #NIST_CURVE_NAMES}), or null for another curve. */
    public String nistCurve() {
        return curve == null ? null : NIST_CURVES.get(curve);
    }

    /** The curve as its standard names it ({@code secp521r1}), for messages. */
    public String curveName() {
        if (curve == null) {
            return "with explicit parameters";
        }
        String name = ECNamedCurveTable.getName(curve);
        return name != null ? name : curve.getId();
    }

    private static int rsaBits(SubjectPublicKeyInfo keyInfo) {
        try {
            return RSAPublicKey.getInstance(keyInfo.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the RSA key is malformed", e);
        }
    }

    private static String algorithmName(ASN1ObjectIdentifier keyType) {
        if (keyType.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return ED25519;
        }
        if (keyType.equals(X9ObjectIdentifiers.id_dsa)) {
            return "DSA";
        }
        if (keyType.equals(EdECObjectIdentifiers.id_Ed448)) {
            return "Ed448";
        }
        return keyType.getId();
    }
}
