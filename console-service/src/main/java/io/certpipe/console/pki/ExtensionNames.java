package io.certpipe.console.pki;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** Names of X.509 extensions, key usages and extended key usages as openssl prints them. */
final class ExtensionNames {

    private static final Map<ASN1ObjectIdentifier, String> EXTENSIONS = Map.of(
            Extension.basicConstraints, "Basic Constraints",
            Extension.keyUsage, "Key Usage",
            Extension.extendedKeyUsage, "Extended Key Usage",
            Extension.subjectKeyIdentifier, "Subject Key Identifier",
            Extension.authorityKeyIdentifier, "Authority Key Identifier",
            Extension.nameConstraints, "Name Constraints",
            Extension.certificatePolicies, "Certificate Policies",
            Extension.subjectAlternativeName, "Subject Alternative Name");

    private static final Map<Integer, String> KEY_USAGES = Map.of(
            KeyUsage.digitalSignature, "Digital Signature",
            KeyUsage.nonRepudiation, "Non Repudiation",
            KeyUsage.keyEncipherment, "Key Encipherment",
            KeyUsage.dataEncipherment, "Data Encipherment",
            KeyUsage.keyAgreement, "Key Agreement",
            KeyUsage.keyCertSign, "Certificate Sign",
            KeyUsage.cRLSign, "CRL Sign",
            KeyUsage.encipherOnly, "Encipher Only",
            KeyUsage.decipherOnly, "Decipher Only");
    /** The keyUsage bits in the order of RFC 5280, in which pages list them. */
    private static final List<Integer> KEY_USAGE_ORDER = List.of(KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
            KeyUsage.keyEncipherment, KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign,
            KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly);

    private static final Map<KeyPurposeId, String> EXTENDED_KEY_USAGES = Map.of(
            KeyPurposeId.id_kp_serverAuth, "TLS Web Server Authentication",
            KeyPurposeId.id_kp_clientAuth, "TLS Web Client Authentication",
            KeyPurposeId.id_kp_codeSigning, "Code Signing",
            KeyPurposeId.id_kp_emailProtection, "E-mail Protection",
            KeyPurposeId.id_kp_timeStamping, "Time Stamping",
            KeyPurposeId.id_kp_OCSPSigning, "OCSP Signing",
            KeyPurposeId.anyExtendedKeyUsage, "Any Extended Key Usage");

    private ExtensionNames() {
    }

    /** The extensions besides subjectAltName (which pages show by name), by name or OID; null means none. */
    static List<String> otherThanAlternativeNames(Extensions extensions) {
        if (extensions == null) {
            return List.of();
        }
        return Arrays.stream(extensions.getExtensionOIDs())
                .filter(oid -> !oid.equals(Extension.subjectAlternativeName))
                .map(oid -> EXTENSIONS.getOrDefault(oid, oid.getId()))
                .toList();
    }

    static List<String> keyUsages(Extensions extensions) {
        KeyUsage usage = KeyUsage.fromExtensions(extensions);
        if (usage == null) {
            return List.of();
        }
        return KEY_USAGE_ORDER.stream().filter(usage::hasUsages).map(KEY_USAGES::get).toList();
    }

    static List<String> extendedKeyUsages(Extensions extensions) {
        ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(extensions);
        if (usage == null) {
            return List.of();
        }
        return Arrays.stream(usage.getUsages())
                .map(purpose -> EXTENDED_KEY_USAGES.getOrDefault(purpose, purpose.getId()))
                .toList();
    }
}
