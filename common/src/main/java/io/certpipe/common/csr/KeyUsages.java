package io.certpipe.common.csr;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The usage strings of {@code certificates.k8s.io/v1} and the X.509 key usage or extended key usage each means. */
public final class KeyUsages {

    public static final String DIGITAL_SIGNATURE = "digital signature";
    public static final String KEY_ENCIPHERMENT = "key encipherment";
    public static final String CLIENT_AUTH = "client auth";
    public static final String SERVER_AUTH = "server auth";
    public static final String CERT_SIGN = "cert sign";
    public static final String CRL_SIGN = "crl sign";

    /** Usages that set a bit of the keyUsage extension. */
    public static final Map<String, Integer> KEY_USAGE_BITS = Map.ofEntries(
            Map.entry("signing", KeyUsage.digitalSignature),
            Map.entry(DIGITAL_SIGNATURE, KeyUsage.digitalSignature),
            Map.entry("content commitment", KeyUsage.nonRepudiation),
            Map.entry(KEY_ENCIPHERMENT, KeyUsage.keyEncipherment),
            Map.entry("key agreement", KeyUsage.keyAgreement),
            Map.entry("data encipherment", KeyUsage.dataEncipherment),
            Map.entry(CERT_SIGN, KeyUsage.keyCertSign),
            Map.entry(CRL_SIGN, KeyUsage.cRLSign),
            Map.entry("encipher only", KeyUsage.encipherOnly),
            Map.entry("decipher only", KeyUsage.decipherOnly));

    /** Usages that add a purpose to the extendedKeyUsage extension. */
    public static final Map<String, KeyPurposeId> EXTENDED_KEY_USAGES = Map.ofEntries(
            Map.entry("any", KeyPurposeId.anyExtendedKeyUsage),
            Map.entry(SERVER_AUTH, KeyPurposeId.id_kp_serverAuth),
            Map.entry(CLIENT_AUTH, KeyPurposeId.id_kp_clientAuth),
            Map.entry("code signing", KeyPurposeId.id_kp_codeSigning),
            Map.entry("email protection", KeyPurposeId.id_kp_emailProtection),
            Map.entry("s/mime", KeyPurposeId.id_kp_emailProtection),
            Map.entry("ipsec end system", KeyPurposeId.id_kp_ipsecEndSystem),
            Map.entry("ipsec tunnel", KeyPurposeId.id_kp_ipsecTunnel),
            Map.entry("ipsec user", KeyPurposeId.id_kp_ipsecUser),
            Map.entry("timestamping", KeyPurposeId.id_kp_timeStamping),
            Map.entry("ocsp signing", KeyPurposeId.id_kp_OCSPSigning),
            Map.entry("microsoft sgc", KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.3"))),
            Map.entry("netscape sgc", KeyPurposeId.getInstance(new ASN1ObjectIdentifier("2.16.840.1.113730.4.1"))));

    private KeyUsages() {
    }

    public static boolean isKnown(String usage) {
        return KEY_USAGE_BITS.containsKey(usage) || EXTENDED_KEY_USAGES.containsKey(usage);
    }

    public static Set<String> known() {
        var all = new TreeSet<>(KEY_USAGE_BITS.keySet());
        all.addAll(EXTENDED_KEY_USAGES.keySet());
        return all;
    }
}
