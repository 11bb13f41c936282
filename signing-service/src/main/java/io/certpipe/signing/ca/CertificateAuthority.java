package io.certpipe.signing.ca;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A CA key and its published certificate, as the issuer sees them: it can sign, and never hands out its key. The PEM
 * file implementation is the only one today; a PKCS#11 token implements the same contract.
 */
public interface CertificateAuthority {

    /** The cluster and signer this CA serves. */
    SignerId signer();

    /** The CA's published certificate: issuer of what it signs, and what its signatures verify against. */
    X509CertificateHolder certificate();

    /** Hex SHA-256 of the CA's SubjectPublicKeyInfo; names the key in events and in the serial register. */
    String keyId();

    /** Where the key lives, for health and status reports ({@code file}, later {@code pkcs11}). */
    String mode();

    /** Signs {@code tbs} with the CA key. */
    X509CertificateHolder sign(X509v3CertificateBuilder tbs);
}
