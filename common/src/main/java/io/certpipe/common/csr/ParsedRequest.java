package io.certpipe.common.csr;

import java.security.PublicKey;
import java.util.List;

import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A PKCS#10 request whose signature has been verified, with the names a signer's rules look at: its subject, read
 * unambiguously ({@link SubjectName}), and its subject alternative names.
 */
public record ParsedRequest(
        PKCS10CertificationRequest request,
        PublicKey publicKey,
        SubjectName subject,
        List<String> dnsNames,
        List<String> ipAddresses,
        List<String> emailAddresses,
        List<String> uris) {

    /**
     * The extensions the request asks for (its PKCS#9 extensionRequest), or null when it asks for none; Bouncy Castle's
     * static readers ({@code BasicConstraints.fromExtensions}, {@code Extensions.getExtension}) accept null.
     */
    public Extensions requestedExtensions() {
        return CertificationRequests.requestedExtensions(request);
    }

    public boolean hasSubjectAlternativeNames() {
        return !dnsNames.isEmpty() || !ipAddresses.isEmpty() || !emailAddresses.isEmpty() || !uris.isEmpty();
    }
}
