package io.certpipe.signing.issue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509ExtensionUtils;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.signing.ca.CertificateAuthority;

/**
 * Builds and signs a leaf certificate from the signer's own profile: subject and subject alternative names from the
 * verified request, every other requested extension dropped; key usages from {@code spec.usages}; never a CA.
 */
final class CertificateBuilder {

    private static final X509ExtensionUtils EXTENSION_UTILS = new BcX509ExtensionUtils();

    private CertificateBuilder() {
    }

    static X509CertificateHolder sign(CertificateAuthority ca, ParsedRequest request, Set<String> usages,
            Validity validity, BigInteger serial) {
        X509CertificateHolder caCertificate = ca.certificate();
        X509v3CertificateBuilder tbs = new X509v3CertificateBuilder(caCertificate.getSubject(), serial,
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), request.subject(),
                request.request().getSubjectPublicKeyInfo());
        try {
            int keyUsageBits = keyUsageBits(usages);
            if (keyUsageBits != 0) {
                tbs.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits));
            }
            List<KeyPurposeId> purposes = extendedKeyUsages(usages);
            if (!purposes.isEmpty()) {
                tbs.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            tbs.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            tbs.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(caCertificate));
            SubjectKeyIdentifier subjectKeyId = EXTENSION_UTILS.createSubjectKeyIdentifier(
                    request.request().getSubjectPublicKeyInfo());
            tbs.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyId);
            GeneralNames alternativeNames = subjectAlternativeNames(request);
            if (alternativeNames != null) {
                // RFC 5280 4.2.1.6: with an empty subject, the names are the identity and the extension is critical.
                tbs.addExtension(Extension.subjectAlternativeName, request.subject().getRDNs().length == 0,
                        alternativeNames);
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode certificate extensions", e);
        }
        return ca.sign(tbs);
    }

    private static int keyUsageBits(Set<String> usages) {
        int bits = 0;
        for (String usage : usages) {
            bits |= KeyUsages.KEY_USAGE_BITS.getOrDefault(usage, 0);
        }
        return bits;
    }

    private static List<KeyPurposeId> extendedKeyUsages(Set<String> usages) {
        return usages.stream()
                .map(KeyUsages.EXTENDED_KEY_USAGES::get)
                .filter(Objects::nonNull)
                .distinct()
                .sorted(Comparator.comparing(KeyPurposeId::getId))
                .toList();
    }

    /** The CA's own subject key identifier when its certificate has one, else one computed from its public key. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509CertificateHolder caCertificate) {
        Extension published = caCertificate.getExtension(Extension.subjectKeyIdentifier);
        SubjectKeyIdentifier caKeyId = published != null
                ? SubjectKeyIdentifier.getInstance(published.getParsedValue())
                : EXTENSION_UTILS.createSubjectKeyIdentifier(caCertificate.getSubjectPublicKeyInfo());
        return new AuthorityKeyIdentifier(caKeyId.getKeyIdentifier());
    }

    private static GeneralNames subjectAlternativeNames(ParsedRequest request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        request.ipAddresses().forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
        request.emailAddresses().forEach(email -> names.add(new GeneralName(GeneralName.rfc822Name, email)));
        request.uris().forEach(uri -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
