package io.certpipe.admin.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What a leaf certificate of the local PKI is for: its extended key usages and subject alternative names, written as
 * openssl's configuration writes them, limited to what certpipe's own certificates need.
 */
record LeafProfile(KeyPurposeId[] usages, Optional<GeneralNames> alternativeNames) {

    private static final Map<String, KeyPurposeId> EXTENDED_USAGES = Map.of(
            "serverAuth", KeyPurposeId.id_kp_serverAuth,
            "clientAuth", KeyPurposeId.id_kp_clientAuth);
    private static final String DNS = "DNS:";
    private static final String IP = "IP:";

    /**
     * @param usages {@code serverAuth} and/or {@code clientAuth}, comma-separated
     * @param alternativeNames {@code DNS:<name>} and {@code IP:<address>}, comma-separated, or empty
     * @throws IllegalArgumentException for anything else
     */
    static LeafProfile of(String usages, String alternativeNames) {
        KeyPurposeId[] purposes = Arrays.stream(usages.split(","))
                .map(String::strip)
                .map(usage -> {
                    KeyPurposeId purpose = EXTENDED_USAGES.get(usage);
                    if (purpose == null) {
                        throw new IllegalArgumentException("unknown extended usage \"" + usage + "\"; one of "
                                + EXTENDED_USAGES.keySet());
                    }
                    return purpose;
                })
                .toArray(KeyPurposeId[]::new);
        return new LeafProfile(purposes, parseAlternativeNames(alternativeNames));
    }

    private static Optional<GeneralNames> parseAlternativeNames(String text) {
        List<GeneralName> names = new ArrayList<>();
        for (String entry : text.split(",")) {
            String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith(DNS)) {
                names.add(new GeneralName(GeneralName.dNSName, name.substring(DNS.length())));
            } else if (name.startsWith(IP)) {
                names.add(new GeneralName(GeneralName.iPAddress, name.substring(IP.length())));
            } else {
                throw new IllegalArgumentException("subject alternative name \"" + name
                        + "\" is neither DNS:<name> nor IP:<address>");
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new GeneralNames(names.toArray(GeneralName[]::new)));
    }
}
