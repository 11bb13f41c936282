package io.certpipe.signing.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.common.signer.DnsNames;
import io.certpipe.common.signer.SignerPolicy;

/**
 * Checks a to-be-signed certificate before the CA key signs it, as public CAs run zlint over their precertificates:
 * the profile, the policy and the builder should never produce what these checks catch, so a finding means a defect
 * upstream, and the request fails rather than a bad certificate being issued. The checks read the DER as it will be
 * signed, independently of how it was built.
 */
public final class PreIssuanceLint {

    /** RFC 5280 4.1.2.2: conforming CAs use serials of at most 20 octets. */
    private static final int MAX_SERIAL_OCTETS = 20;
    /** CA/Browser Forum Baseline Requirements 7.1: at least 64 bits from a CSPRNG; fewer bits cannot hold them. */
    private static final int MIN_SERIAL_BITS = 64;
    /** RFC 5280 appendix A upper bounds of the attributes certpipe's subjects carry. */
    private static final Map<ASN1ObjectIdentifier, Integer> MAX_LENGTHS = Map.of(BCStyle.CN, 64, BCStyle.O, 64,
            BCStyle.OU, 64, BCStyle.L, 128, BCStyle.ST, 128, BCStyle.SERIALNUMBER, 64, BCStyle.EmailAddress, 255);
    /** Attributes whose values are ASCII by definition (IA5String) rather than a DirectoryString. */
    private static final Set<ASN1ObjectIdentifier> IA5_ATTRIBUTES = Set.of(BCStyle.EmailAddress, BCStyle.DC);
    private static final Pattern PRINTABLE = Pattern.compile("[A-Za-z0-9 '()+,\\-./:=?]*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int EXTENSIONS_TAG = 3;

    /** Key usage bits a key of each kind cannot have: EC cannot encrypt, Ed25519 neither encrypts nor agrees. */
    private static final Map<ASN1ObjectIdentifier, Integer> IMPOSSIBLE_KEY_USAGES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, KeyUsage.keyAgreement | KeyUsage.encipherOnly | KeyUsage.decipherOnly,
            X9ObjectIdentifiers.id_ecPublicKey, KeyUsage.keyEncipherment | KeyUsage.dataEncipherment,
            EdECObjectIdentifiers.id_Ed25519, KeyUsage.keyEncipherment | KeyUsage.dataEncipherment
                    | KeyUsage.keyAgreement | KeyUsage.encipherOnly | KeyUsage.decipherOnly);
    private static final Map<Integer, String> KEY_USAGE_NAMES = new TreeMap<>(Map.of(
            KeyUsage.keyEncipherment, "keyEncipherment", KeyUsage.dataEncipherment, "dataEncipherment",
            KeyUsage.keyAgreement, "keyAgreement", KeyUsage.encipherOnly, "encipherOnly",
            KeyUsage.decipherOnly, "decipherOnly"));

    private PreIssuanceLint() {
    }

    /** Every defect of {@code tbs}, issued by {@code issuer} under {@code policy}; empty when it may be signed. */
    public static List<LintFinding> check(TBSCertificate tbs, X509CertificateHolder issuer, SignerPolicy policy) {
        try {
            return check(tbs.getEncoded(ASN1Encoding.DER), issuer, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the to-be-signed certificate", e);
        }
    }

    /** The same checks on the DER of a to-be-signed certificate. */
    static List<LintFinding> check(byte[] tbsDer, X509CertificateHolder issuer, SignerPolicy policy) {
        List<LintFinding> findings = new ArrayList<>();
        ASN1Sequence sequence = ASN1Sequence.getInstance(tbsDer);
        uniqueExtensions(sequence, findings);
        if (!findings.isEmpty()) {
            // A certificate with a repeated extension does not even parse as one; the other checks need it parsed.
            return findings;
        }
        TBSCertificate tbs = TBSCertificate.getInstance(sequence);
        Extensions extensions = tbs.getExtensions();
        validityWithinIssuer(tbs, issuer, findings);
        serialNumber(tbs.getSerialNumber().getValue(), findings);
        subject(tbs, extensions, findings);
        alternativeNames(extensions, findings);
        serverAuthNamesAHost(extensions, findings);
        keyUsageFitsKey(tbs.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm(), extensions, findings);
        caBitFitsProfile(extensions, policy, findings);
        return List.copyOf(findings);
    }

    private static void uniqueExtensions(ASN1Sequence tbs, List<LintFinding> findings) {
        for (ASN1Encodable field : tbs) {
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == EXTENSIONS_TAG) {
                Set<ASN1ObjectIdentifier> seen = new HashSet<>();
                for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                    ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(
                            ASN1Sequence.getInstance(extension).getObjectAt(0));
                    if (!seen.add(oid)) {
                        findings.add(new LintFinding(Lint.UNIQUE_EXTENSIONS, "extension " + oid
                                + " appears more than once (RFC 5280 4.2)"));
                    }
                }
            }
        }
    }

    private static void validityWithinIssuer(TBSCertificate tbs, X509CertificateHolder issuer,
            List<LintFinding> findings) {
        var notBefore = tbs.getStartDate().getDate();
        var notAfter = tbs.getEndDate().getDate();
        if (!notBefore.before(notAfter)) {
            findings.add(new LintFinding(Lint.VALIDITY_WITHIN_ISSUER, "notBefore " + notBefore.toInstant()
                    + " is not before notAfter " + notAfter.toInstant()));
        }
        if (notBefore.before(issuer.getNotBefore()) || notAfter.after(issuer.getNotAfter())) {
            findings.add(new LintFinding(Lint.VALIDITY_WITHIN_ISSUER, "validity " + notBefore.toInstant() + " to "
                    + notAfter.toInstant() + " leaves the CA's " + issuer.getNotBefore().toInstant() + " to "
                    + issuer.getNotAfter().toInstant()));
        }
    }

    private static void serialNumber(BigInteger serial, List<LintFinding> findings) {
        if (serial.signum() <= 0) {
            findings.add(new LintFinding(Lint.SERIAL_NUMBER, "serial number is not positive"));
        } else if (serial.toByteArray().length > MAX_SERIAL_OCTETS) {
            findings.add(new LintFinding(Lint.SERIAL_NUMBER, "serial number is longer than " + MAX_SERIAL_OCTETS
                    + " octets"));
        } else if (serial.bitLength() < MIN_SERIAL_BITS) {
            findings.add(new LintFinding(Lint.SERIAL_NUMBER, "serial number has " + serial.bitLength()
                    + " bits, fewer than the " + MIN_SERIAL_BITS + " random bits required"));
        }
    }

    private static void subject(TBSCertificate tbs, Extensions extensions, List<LintFinding> findings) {
        RDN[] rdns = tbs.getSubject().getRDNs();
        if (rdns.length == 0) {
            Extension names = extensions == null ? null : extensions.getExtension(Extension.subjectAlternativeName);
            if (names == null || !names.isCritical()) {
                findings.add(new LintFinding(Lint.SUBJECT, "the subject is empty and no critical "
                        + "subjectAltName names the holder (RFC 5280 4.1.2.6)"));
            }
            return;
        }
        for (RDN rdn : rdns) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String problem = attributeProblem(attribute.getType(), attribute.getValue());
                if (problem != null) {
                    findings.add(new LintFinding(Lint.SUBJECT, "subject attribute "
                            + BCStyle.INSTANCE.oidToDisplayName(attribute.getType()) + " " + problem));
                }
            }
        }
    }

    private static String attributeProblem(ASN1ObjectIdentifier type, ASN1Encodable value) {
        boolean ia5 = IA5_ATTRIBUTES.contains(type);
        boolean encodingFits = ia5 ? value instanceof ASN1IA5String
                : value instanceof ASN1UTF8String || value instanceof ASN1PrintableString;
        if (!encodingFits || !(value instanceof ASN1String string)) {
            return "is encoded as " + value.getClass().getSimpleName() + ", not "
                    + (ia5 ? "IA5String" : "UTF8String or PrintableString");
        }
        String text = string.getString();
        if (text.isEmpty()) {
            return "is empty";
        }
        if (CONTROL.matcher(text).find()) {
            return "holds control characters";
        }
        if (value instanceof ASN1PrintableString && !PRINTABLE.matcher(text).matches()) {
            return "holds characters a PrintableString cannot";
        }
        if (type.equals(BCStyle.C) && !(value instanceof ASN1PrintableString && COUNTRY.matcher(text).matches())) {
            return "must be a two-letter ISO 3166 code as a PrintableString";
        }
        Integer maximum = MAX_LENGTHS.get(type);
        if (maximum != null && text.codePointCount(0, text.length()) > maximum) {
            return "is longer than " + maximum + " characters";
        }
        return null;
    }

    private static void alternativeNames(Extensions extensions, List<LintFinding> findings) {
        if (extensions == null || extensions.getExtension(Extension.subjectAlternativeName) == null) {
            return;
        }
        GeneralName[] names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName).getNames();
        if (names.length == 0) {
            findings.add(new LintFinding(Lint.ALTERNATIVE_NAMES, "subjectAltName is empty"));
        }
        for (GeneralName name : names) {
            String problem = alternativeNameProblem(name);
            if (problem != null) {
                findings.add(new LintFinding(Lint.ALTERNATIVE_NAMES, problem));
            }
        }
    }

    private static String alternativeNameProblem(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> {
                String host = ASN1IA5String.getInstance(name.getName()).getString();
                String problem = DnsNames.problemWith(host, true);
                yield problem == null ? null : "DNS name \"" + host + "\" " + problem;
            }
            case GeneralName.iPAddress -> {
                int length = ASN1OctetString.getInstance(name.getName()).getOctets().length;
                yield length == 4 || length == 16 ? null : "IP address of " + length + " octets";
            }
            case GeneralName.rfc822Name -> emailProblem(ASN1IA5String.getInstance(name.getName()).getString());
            case GeneralName.uniformResourceIdentifier ->
                    uriProblem(ASN1IA5String.getInstance(name.getName()).getString());
            default -> "name of type " + name.getTagNo() + " is not one certpipe issues";
        };
    }

    private static String emailProblem(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || address.indexOf('@') != at) {
            return "email address \"" + address + "\" is not local@domain";
        }
        String problem = DnsNames.problemWith(address.substring(at + 1), false);
        return problem == null ? null : "email address \"" + address + "\" has a domain that " + problem;
    }

    private static String uriProblem(String text) {
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && !uri.getSchemeSpecificPart().isEmpty()) {
                return null;
            }
        } catch (URISyntaxException e) {
            return "URI \"" + text + "\" is malformed: " + e.getReason();
        }
        return "URI \"" + text + "\" is not absolute (RFC 5280 4.2.1.6)";
    }

    private static void serverAuthNamesAHost(Extensions extensions, List<LintFinding> findings) {
        ExtendedKeyUsage purposes = ExtendedKeyUsage.fromExtensions(extensions);
        if (purposes == null || !purposes.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth)) {
            return;
        }
        GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        boolean namesAHost = names != null && Arrays.stream(names.getNames())
                .anyMatch(name -> name.getTagNo() == GeneralName.dNSName || name.getTagNo() == GeneralName.iPAddress);
        if (!namesAHost) {
            findings.add(new LintFinding(Lint.SERVER_AUTH_NAMES_A_HOST, "server auth is requested but no DNS name "
                    + "or IP address is in subjectAltName (clients check the host there, RFC 6125)"));
        }
    }

    private static void keyUsageFitsKey(ASN1ObjectIdentifier keyType, Extensions extensions,
            List<LintFinding> findings) {
        KeyUsage usage = KeyUsage.fromExtensions(extensions);
        if (usage == null) {
            return;
        }
        Integer impossible = IMPOSSIBLE_KEY_USAGES.get(keyType);
        if (impossible == null) {
            findings.add(new LintFinding(Lint.KEY_USAGE_FITS_KEY, "subject key of type " + keyType
                    + " is not one certpipe certifies"));
            return;
        }
        KEY_USAGE_NAMES.forEach((bit, name) -> {
            if ((impossible & bit) != 0 && usage.hasUsages(bit)) {
                findings.add(new LintFinding(Lint.KEY_USAGE_FITS_KEY, name + " on " + keyTypeName(keyType)
                        + " key, which cannot perform it"));
            }
        });
        if ((usage.hasUsages(KeyUsage.encipherOnly) || usage.hasUsages(KeyUsage.decipherOnly))
                && !usage.hasUsages(KeyUsage.keyAgreement)) {
            findings.add(new LintFinding(Lint.KEY_USAGE_FITS_KEY,
                    "encipherOnly or decipherOnly without keyAgreement (RFC 5280 4.2.1.3)"));
        }
    }

    private static void caBitFitsProfile(Extensions extensions, SignerPolicy policy, List<LintFinding> findings) {
        Extension extension = extensions == null ? null : extensions.getExtension(Extension.basicConstraints);
        if (extension == null || !extension.isCritical()) {
            findings.add(new LintFinding(Lint.CA_BIT_FITS_PROFILE, "basicConstraints is missing or not critical"));
            return;
        }
        BasicConstraints constraints = BasicConstraints.getInstance(extension.getParsedValue());
        KeyUsage usage = KeyUsage.fromExtensions(extensions);
        boolean signsCertificates = usage != null && usage.hasUsages(KeyUsage.keyCertSign);
        if (constraints.isCA() != policy.issuesCaCertificates()) {
            findings.add(new LintFinding(Lint.CA_BIT_FITS_PROFILE, "CA is " + constraints.isCA()
                    + " but the signer issues " + (policy.issuesCaCertificates() ? "CA" : "leaf") + " certificates"));
        } else if (constraints.isCA() && (!signsCertificates || constraints.getPathLenConstraint() == null
                || constraints.getPathLenConstraint().intValue() != policy.intermediateCa().pathLength())) {
            findings.add(new LintFinding(Lint.CA_BIT_FITS_PROFILE, "a CA certificate needs keyCertSign and the "
                    + "profile's path length " + policy.intermediateCa().pathLength()));
        } else if (!constraints.isCA() && (signsCertificates || usage != null && usage.hasUsages(KeyUsage.cRLSign))) {
            findings.add(new LintFinding(Lint.CA_BIT_FITS_PROFILE,
                    "a leaf certificate has keyCertSign or cRLSign (RFC 5280 4.2.1.3)"));
        }
    }

    private static String keyTypeName(ASN1ObjectIdentifier keyType) {
        if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "an EC";
        }
        return keyType.equals(EdECObjectIdentifiers.id_Ed25519) ? "an Ed25519" : "an RSA";
    }
}
