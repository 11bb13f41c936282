package io.certpipe.console.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/** One subject alternative name, by kind, as a request asks for it or a certificate carries it. */
public record AlternativeName(Kind kind, String value) {

    /** The kinds in the order a page lists them. */
    public enum Kind {
        DNS("DNS name"),
        IP("IP address"),
        EMAIL("Email address"),
        URI("URI"),
        OTHER("Other name");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The names in the subjectAlternativeName extension of {@code extensions} (null: none), by kind. */
    static List<AlternativeName> of(Extensions extensions) {
        GeneralNames names = extensions == null ? null
                : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (names == null) {
            return List.of();
        }
        List<AlternativeName> read = new ArrayList<>(Arrays.stream(names.getNames()).map(AlternativeName::of)
                .toList());
        read.sort(Comparator.comparing(AlternativeName::kind));
        return List.copyOf(read);
    }

    private static AlternativeName of(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> new AlternativeName(Kind.DNS, text(name));
            case GeneralName.iPAddress -> new AlternativeName(Kind.IP, ipAddress(name));
            case GeneralName.rfc822Name -> new AlternativeName(Kind.EMAIL, text(name));
            case GeneralName.uniformResourceIdentifier -> new AlternativeName(Kind.URI, text(name));
            case GeneralName.directoryName -> new AlternativeName(Kind.OTHER, "directory name "
                    + X500Name.getInstance(name.getName()));
            case GeneralName.otherName -> new AlternativeName(Kind.OTHER, "other name "
                    + OtherName.getInstance(name.getName()).getTypeID().getId());
            case GeneralName.registeredID -> new AlternativeName(Kind.OTHER, "registered ID " + name.getName());
            default -> new AlternativeName(Kind.OTHER, "name of type " + name.getTagNo());
        };
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    private static String ipAddress(GeneralName name) {
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        try {
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException malformed) {
            return "malformed address of " + octets.length + " bytes";
        }
    }
}
