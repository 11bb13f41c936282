package io.certpipe.common.csr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The one reading of a certificate's or a request's subject. Kubernetes draws an identity from it (the CN is the user,
 * each O a group: {@link KubernetesIdentities}) and signers apply their rules to it ({@code SubjectRules}); every
 * service that does either reads the subject here, so the user a signer's rules and the approval policies judged is
 * the user the issued certificate logs in as.
 *
 * <p>A subject that could be read more than one way is refused ({@link AmbiguousSubjectException}), as a CA should:
 * more than one CN (Go's {@code pkix.Name}, and so Kubernetes, keeps the last, while a reader taking the first would
 * judge another user), a CN or O inside a multi-valued RDN ({@code CN=alice+O=system:masters}: Go reads both values,
 * a reader taking one value per RDN reads one of them only), and a CN, O or OU whose value is not a string (Go skips
 * it, Bouncy Castle prints it as hex).
 * Several O values in RDNs of their own are several groups, in the order they appear.
 *
 * @param name the subject as it was encoded, which an issued certificate copies unchanged
 * @param commonName the one CN, read as written (no RFC 4514 escaping); empty when the subject has none
 */
public record SubjectName(X500Name name, String commonName, List<String> organizations,
        List<String> organizationalUnits) {

    /** The attributes an identity is drawn from: each must stand alone in its RDN. */
    private static final Set<ASN1ObjectIdentifier> IDENTITY_ATTRIBUTES = Set.of(BCStyle.CN, BCStyle.O);

    public SubjectName {
        organizations = List.copyOf(organizations);
        organizationalUnits = List.copyOf(organizationalUnits);
    }

    /**
     * Reads {@code name}.
     *
     * @throws AmbiguousSubjectException when it could be read more than one way; the message says how
     */
    public static SubjectName read(X500Name name) {
        List<String> commonNames = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        List<String> organizationalUnits = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = attribute.getType();
                if (rdn.isMultiValued() && IDENTITY_ATTRIBUTES.contains(type)) {
                    throw new AmbiguousSubjectException("the subject holds a CN or O in the multi-valued RDN "
                            + new X500Name(new RDN[] {rdn}) + "; certpipe accepts each CN and O only in an RDN of "
                            + "its own");
                }
                if (type.equals(BCStyle.CN)) {
                    commonNames.add(text(attribute));
                } else if (type.equals(BCStyle.O)) {
                    organizations.add(text(attribute));
                } else if (type.equals(BCStyle.OU)) {
                    organizationalUnits.add(text(attribute));
                }
            }
        }
        if (commonNames.size() > 1) {
            throw new AmbiguousSubjectException("the subject names " + commonNames.size() + " common names ("
                    + commonNames.stream().map(commonName -> "CN=" + commonName).collect(Collectors.joining(", "))
                    + "); a certificate names one user, so certpipe accepts one CN at most");
        }
        return new SubjectName(name, commonNames.isEmpty() ? "" : commonNames.getFirst(), organizations,
                organizationalUnits);
    }

    /**
     * The value of a CN, O or OU as written. Only the string types a DirectoryString (and the IA5String some encoders
     * use) may hold count: {@code ASN1String} also covers UniversalString and BIT STRING, whose "string" is hex.
     */
    private static String text(AttributeTypeAndValue attribute) {
        ASN1Encodable value = attribute.getValue();
        if (value instanceof ASN1UTF8String || value instanceof ASN1PrintableString || value instanceof ASN1IA5String
                || value instanceof ASN1T61String || value instanceof ASN1BMPString) {
            return ((ASN1String) value).getString();
        }
        String attributeName = BCStyle.INSTANCE.oidToDisplayName(attribute.getType());
        throw new AmbiguousSubjectException("the subject's " + attributeName + " is encoded as "
                + value.toASN1Primitive().getClass().getSimpleName() + ", not as a string");
    }
}
