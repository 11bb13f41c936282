package io.certpipe.intake.signer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.SignerData;

/** A published signer, with the CA certificates of its trust bundle parsed once. */
public record PublishedSigner(SignerData data, List<X509Certificate> caCertificates) {

    static PublishedSigner of(SignerData data) {
        return new PublishedSigner(data, parse(data.signerName(), data.trustBundle()));
    }

    public List<PublicKey> caKeys() {
        return caCertificates.stream().map(X509Certificate::getPublicKey).toList();
    }

    /** The signer as a Kubernetes object name: {@code example.com/serving} becomes {@code example.com:serving}. */
    public String objectName() {
        return data.signerName().replace('/', ':');
    }

    private static List<X509Certificate> parse(String signerName, String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new MalformedEventException("the trust bundle of signer " + signerName
                    + " is not PEM certificates: " + e.getMessage());
        }
    }
}
