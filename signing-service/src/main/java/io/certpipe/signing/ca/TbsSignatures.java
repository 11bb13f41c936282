package io.certpipe.signing.ca;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Turns a TBS certificate and a key's {@link ContentSigner} into the signed certificate (RFC 5280 4.1: the TBS, the
 * signature algorithm, the signature over the TBS's DER). Every {@link CertificateAuthority} signs through here,
 * whatever holds its key.
 */
final class TbsSignatures {

    private TbsSignatures() {
    }

    static X509CertificateHolder sign(ContentSigner signer, TBSCertificate tbs) {
        if (!signer.getAlgorithmIdentifier().equals(tbs.getSignature())) {
            throw new IllegalArgumentException("the certificate names signature algorithm "
                    + tbs.getSignature().getAlgorithm() + ", the key signs with "
                    + signer.getAlgorithmIdentifier().getAlgorithm());
        }
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbs.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot feed the certificate to the signer", e);
        }
        Certificate certificate = Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                tbs, signer.getAlgorithmIdentifier(), new DERBitString(signer.getSignature())}));
        return new X509CertificateHolder(certificate);
    }
}
