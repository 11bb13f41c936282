package io.certpipe.console.pki;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What a PKCS#10 request asks for, decoded for a person deciding it: the subject, the alternative names by kind, the
 * key, and any other extension it asks for. The console only shows it; intake and the signer apply the rules.
 */
public record DecodedRequest(SubjectDescription subject, List<AlternativeName> alternativeNames,
        PublicKeyDescription publicKey, String signatureAlgorithm, List<String> otherRequestedExtensions) {

    /** Decodes the PEM {@code CERTIFICATE REQUEST} in {@code pem}. */
    public static DecodedRequest decode(String pem) throws UnreadableException {
        PKCS10CertificationRequest request = read(pem);
        try {
            Extensions extensions = requestedExtensions(request);
            return new DecodedRequest(SubjectDescription.of(request.getSubject()), AlternativeName.of(extensions),
                    PublicKeyDescription.of(request.getSubjectPublicKeyInfo()),
                    new DefaultAlgorithmNameFinder().getAlgorithmName(request.getSignatureAlgorithm()),
                    ExtensionNames.otherThanAlternativeNames(extensions));
        } catch (RuntimeException malformed) {
            throw new UnreadableException("the certificate request's contents are malformed", malformed);
        }
    }

    private static PKCS10CertificationRequest read(String pem) throws UnreadableException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof PKCS10CertificationRequest request) {
                return request;
            }
        } catch (IOException | RuntimeException malformed) {
            throw new UnreadableException("spec.request is not a PEM certificate request", malformed);
        }
        throw new UnreadableException("spec.request holds no certificate request", null);
    }

    /** The extensions of every PKCS#9 extensionRequest attribute together; null when it asks for none. */
    private static Extensions requestedExtensions(PKCS10CertificationRequest request) {
        List<Extension> requested = new ArrayList<>();
        for (var attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (var value : attribute.getAttributeValues()) {
                Extensions extensions = Extensions.getInstance(value);
                for (var oid : extensions.getExtensionOIDs()) {
                    requested.add(extensions.getExtension(oid));
                }
            }
        }
        return requested.isEmpty() ? null : new Extensions(requested.toArray(Extension[]::new));
    }
}
