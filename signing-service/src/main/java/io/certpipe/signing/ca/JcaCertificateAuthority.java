package io.certpipe.signing.ca;

import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.Provider;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;

import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.CaSignatures;

/**
 * A CA whose key signs as {@link CaSignatures} says: a PEM file's key, held in memory (an EC key signing through
 * Bouncy Castle's lightweight API, an RSA key through the JDK's providers), or a token's key, which never leaves the
 * token and signs through its SunPKCS11 provider. Only where the key lives differs, so everything else is written
 * once, here.
 */
abstract sealed class JcaCertificateAuthority implements CertificateAuthority
        permits PemFileCertificateAuthority, Pkcs11CertificateAuthority {

    private final SignerId signer;
    private final X509CertificateHolder certificate;
    private final PrivateKey key;
    private final Provider provider;
    private final String signatureAlgorithm;
    private final AlgorithmIdentifier signatureAlgorithmIdentifier;
    private final String keyId;

    /**
     * @param provider the provider that holds {@code key}, or null for the JDK's providers
     * @param keyName names the key in an error message: its file, or its label in the token
     */
    JcaCertificateAuthority(SignerId signer, X509CertificateHolder certificate, PrivateKey key, Provider provider,
            String keyName) throws CaLoadException {
        this.signer = signer;
        this.certificate = certificate;
        this.key = key;
        this.provider = provider;
        this.signatureAlgorithm = CaSignatures.algorithmFor(key, keyName);
        this.signatureAlgorithmIdentifier = new DefaultSignatureAlgorithmIdentifierFinder().find(signatureAlgorithm);
        this.keyId = CaKeyIds.of(certificate.getSubjectPublicKeyInfo());
    }

    @Override
    public SignerId signer() {
        return signer;
    }

    @Override
    public X509CertificateHolder certificate() {
        return certificate;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithmIdentifier;
    }

    @Override
    public X509CertificateHolder sign(TBSCertificate tbs) {
        try {
            return TbsSignatures.sign(CaSignatures.signer(signatureAlgorithm, key, provider), tbs);
        } catch (OperatorCreationException | RuntimeOperatorException | UncheckedIOException e) {
            // A token may answer again: the approval is retried rather than given up.
            throw new CaUnavailableException(signer, "its key failed to sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + signer + ", keyId=" + keyId + "]";
    }
}
