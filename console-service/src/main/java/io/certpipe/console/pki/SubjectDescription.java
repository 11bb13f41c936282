package io.certpipe.console.pki;

import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * A distinguished name as written ({@code CN=alice,O=dev-team}, RFC 4514, so with its escapes) and the parts
 * Kubernetes reads an identity from, as their values are: the common name (the user) and the organizations (the
 * groups).
 */
public record SubjectDescription(String distinguishedName, String commonName, List<String> organizations) {

    static SubjectDescription of(X500Name name) {
        return new SubjectDescription(name.toString(), String.join(", ", values(name, BCStyle.CN)),
                values(name, BCStyle.O));
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        return Arrays.stream(name.getRDNs(type)).map(RDN::getFirst)
                .map(attribute -> attribute.getValue() instanceof ASN1String text ? text.getString()
                        : IETFUtils.valueToString(attribute.getValue()))
                .toList();
    }
}
