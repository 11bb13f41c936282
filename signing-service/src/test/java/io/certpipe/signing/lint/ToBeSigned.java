package io.certpipe.signing.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import io.certpipe.common.csr.TestPki;

/**
 * A to-be-signed certificate assembled field by field for the lint tests, valid by default (a serving leaf for an EC
 * key, named by a DNS name, inside its CA's validity) so that each test breaks exactly one thing. It writes the DER
 * itself, so it can also write what Bouncy Castle's builders refuse to, such as a repeated extension.
 */
final class ToBeSigned {

    static final Instant CA_NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant CA_NOT_AFTER = Instant.parse("2036-01-01T00:00:00Z");
    private static final KeyPair EC_KEY = TestPki.ecKey();

    BigInteger serial = new BigInteger("5f3c2a1b0d9e8f7a6b5c4d3e2f1a0b9c", 16);
    Instant notBefore = Instant.parse("2026-06-01T00:00:00Z");
    Instant notAfter = Instant.parse("2026-06-02T00:00:00Z");
    X500Name subject = new X500Name("CN=web.example.com,O=Example");
    SubjectPublicKeyInfo subjectKey = SubjectPublicKeyInfo.getInstance(EC_KEY.getPublic().getEncoded());
    private final Map<ASN1ObjectIdentifier, Extension> extensions = new LinkedHashMap<>();
    private final List<Extension> repeated = new ArrayList<>();

    ToBeSigned() {
        extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        extension(Extension.basicConstraints, true, new BasicConstraints(false));
        names(new GeneralName(GeneralName.dNSName, "web.example.com"));
    }

    ToBeSigned key(KeyPair key) {
        subjectKey = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        return this;
    }

    ToBeSigned names(GeneralName... names) {
        return extension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }

    ToBeSigned keyUsage(int bits) {
        return extension(Extension.keyUsage, true, new KeyUsage(bits));
    }

    ToBeSigned extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        extensions.put(oid, encode(oid, critical, value));
        return this;
    }

    ToBeSigned without(ASN1ObjectIdentifier oid) {
        extensions.remove(oid);
        return this;
    }

    /** Adds {@code oid} a second time, as no builder would. */
    ToBeSigned repeating(ASN1ObjectIdentifier oid) {
        repeated.add(extensions.get(oid));
        return this;
    }

    /** The DER of the TBSCertificate (RFC 5280 4.1). */
    byte[] der() {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new DERTaggedObject(true, 0, new ASN1Integer(2)));
        fields.add(new ASN1Integer(serial));
        fields.add(new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));
        fields.add(new X500Name("CN=certpipe test CA"));
        fields.add(new DERSequence(new ASN1Encodable[] {
                new Time(Date.from(notBefore)), new Time(Date.from(notAfter))}));
        fields.add(subject);
        fields.add(subjectKey);
        ASN1EncodableVector all = new ASN1EncodableVector();
        extensions.values().forEach(all::add);
        repeated.forEach(all::add);
        fields.add(new DERTaggedObject(true, 3, new DERSequence(all)));
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ASN1Sequence sequence() {
        return ASN1Sequence.getInstance(der());
    }

    private static Extension encode(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
