package io.certpipe.signing.ca;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.common.signer.KeyMode;

/**
 * A CA key and its published certificate, as the issuer sees them: it can sign, and never hands out its key. Its key
 * is a PEM file ({@link PemFileCertificateAuthority}) or lives in a PKCS#11 token ({@link Pkcs11CertificateAuthority});
 * the issuer cannot tell the difference.
 *
 * <p>It signs a finished {@link TBSCertificate}, not a builder: the bytes the pre-issuance lint checked are exactly
 * the bytes the key signs.
 */
public interface CertificateAuthority {

    /** The cluster and signer this CA serves. */
    SignerId signer();

    /** The CA's published certificate: issuer of what it signs, and what its signatures verify against. */
    X509CertificateHolder certificate();

    /** Hex SHA-256 of the CA's SubjectPublicKeyInfo; names the key in events and in the serial register. */
    String keyId();

    /** Where the key lives, for health, status and the published signer. */
    KeyMode mode();

    /** The signature algorithm of this key, which every certificate it signs names in its {@code signature} field. */
    AlgorithmIdentifier signatureAlgorithm();

    /**
     * Signs {@code tbs} with the CA key.
     *
     * @throws IllegalArgumentException when {@code tbs} names another signature algorithm than {@link
     *         #signatureAlgorithm()}
     * @throws CaUnavailableException when the key, or the token holding it, refused to sign
     */
    X509CertificateHolder sign(TBSCertificate tbs);
}
