package io.certpipe.signing.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509ExtensionUtils;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.signer.Validity;

/**
 * Builds the to-be-signed certificate from the signer's profile: subject and subject alternative names from the
 * verified request (the policy has allowed them), key usages from {@code spec.usages} as far as the key can serve
 * them, the CA bit and path length from the policy, of the other requested extensions only those the policy honours,
 * validity and serial from the caller. Nothing is taken from the event on trust.
 */
final class CertificateBuilder {

    private static final X509ExtensionUtils EXTENSION_UTILS = new BcX509ExtensionUtils();

    private static final int SIGNING = KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyCertSign
            | KeyUsage.cRLSign;
    /**
     * The key usage bits each kind of key can honour. A usage the key cannot serve is left out, as boulder does:
     * "key encipherment" on an EC or Ed25519 key (which cannot encrypt), although Kubernetes' tutorials ask for it on
     * every key.
     */
    private static final Map<ASN1ObjectIdentifier, Integer> POSSIBLE_KEY_USAGES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, SIGNING | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment,
            X9ObjectIdentifiers.id_ecPublicKey, SIGNING | KeyUsage.keyAgreement | KeyUsage.encipherOnly
                    | KeyUsage.decipherOnly,
            EdECObjectIdentifiers.id_Ed25519, SIGNING);

    private CertificateBuilder() {
    }

    static TBSCertificate toBeSigned(CertificateAuthority ca, SignerPolicy policy, ParsedRequest request,
            Set<String> usages, Validity validity, BigInteger serial) {
        X509CertificateHolder caCertificate = ca.certificate();
        SubjectPublicKeyInfo subjectKey = request.request().getSubjectPublicKeyInfo();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(ca.signatureAlgorithm());
        tbs.setIssuer(caCertificate.getSubject());
        tbs.setStartDate(new Time(Date.from(validity.notBefore())));
        tbs.setEndDate(new Time(Date.from(validity.notAfter())));
        tbs.setSubject(request.subject().name());
        tbs.setSubjectPublicKeyInfo(subjectKey);
        tbs.setExtensions(extensions(caCertificate, policy, request, usages, subjectKey));
        return tbs.generateTBSCertificate();
    }

    private static Extensions extensions(X509CertificateHolder caCertificate, SignerPolicy policy,
            ParsedRequest request, Set<String> usages, SubjectPublicKeyInfo subjectKey) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        try {
            int keyUsageBits = keyUsageBits(usages, subjectKey.getAlgorithm().getAlgorithm());
            if (keyUsageBits != 0) {
                extensions.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits));
            }
            List<KeyPurposeId> purposes = extendedKeyUsages(usages);
            if (!purposes.isEmpty()) {
                extensions.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            extensions.addExtension(Extension.basicConstraints, true, policy.issuesCaCertificates()
                    ? new BasicConstraints(policy.intermediateCa().pathLength())
                    : new BasicConstraints(false));
            extensions.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(caCertificate));
            extensions.addExtension(Extension.subjectKeyIdentifier, false,
                    EXTENSION_UTILS.createSubjectKeyIdentifier(subjectKey));
            GeneralNames alternativeNames = subjectAlternativeNames(request);
            if (alternativeNames != null) {
                // RFC 5280 4.2.1.6: with an empty subject, the names are the identity and the extension is critical.
                boolean emptySubject = request.subject().name().getRDNs().length == 0;
                extensions.addExtension(Extension.subjectAlternativeName, emptySubject, alternativeNames);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode certificate extensions", e);
        }
        Extensions requested = request.requestedExtensions();
        if (requested != null) {
            for (ASN1ObjectIdentifier oid : requested.getExtensionOIDs()) {
                if (policy.honours(oid) && !SignerPolicy.PROFILE_EXTENSIONS.contains(oid)) {
                    extensions.addExtension(requested.getExtension(oid));
                }
            }
        }
        return extensions.generate();
    }

    private static int keyUsageBits(Set<String> usages, ASN1ObjectIdentifier keyType) {
        int bits = 0;
        for (String usage : usages) {
            bits |= KeyUsages.KEY_USAGE_BITS.getOrDefault(usage, 0);
        }
        return bits & POSSIBLE_KEY_USAGES.getOrDefault(keyType, 0);
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
