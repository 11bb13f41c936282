package io.certpipe.common.csr;

import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reads attribute values out of an X.500 name, as requests, client certificates and signers all need. */
public final class DistinguishedNames {

    private DistinguishedNames() {
    }

    /** Every value of {@code attribute} (e.g. {@code BCStyle.O}) in {@code name}, in the order they appear. */
    public static List<String> values(X500Name name, ASN1ObjectIdentifier attribute) {
        return Arrays.stream(name.getRDNs(attribute))
                .map(RDN::getFirst)
                .map(typeAndValue -> IETFUtils.valueToString(typeAndValue.getValue()))
                .toList();
    }
}
