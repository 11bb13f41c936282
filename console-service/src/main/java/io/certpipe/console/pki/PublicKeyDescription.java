package io.certpipe.console.pki;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** A public key as an approver judges it: its type ({@code RSA}, {@code EC P-256}, {@code Ed25519}) and size. */
public record PublicKeyDescription(String type, int bits) {

    /** What a page shows: {@code EC P-256 (256 bits)}. */
    public String summary() {
        return bits > 0 ? type + " (" + bits + " bits)" : type;
    }

    static PublicKeyDescription of(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return new PublicKeyDescription("RSA", rsaModulusBits(key));
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)
                && key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
            X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
            String name = NISTNamedCurves.getName(curve) != null ? NISTNamedCurves.getName(curve)
                    : ECNamedCurveTable.getName(curve);
            return new PublicKeyDescription("EC " + (name == null ? curve.getId() : name),
                    parameters == null ? 0 : parameters.getCurve().getFieldSize());
        }
        if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return new PublicKeyDescription("Ed25519", 256);
        }
        if (algorithm.equals(EdECObjectIdentifiers.id_Ed448)) {
            return new PublicKeyDescription("Ed448", 456);
        }
        return new PublicKeyDescription("unknown algorithm " + algorithm.getId(), 0);
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo key) {
        try {
            return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | IllegalArgumentException malformed) {
            return 0;
        }
    }
}
