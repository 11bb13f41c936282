package io.certpipe.signing.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.TestPki;
import io.certpipe.common.signer.AlternativeNameRules;
import io.certpipe.common.signer.IntermediateCa;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.common.signer.Lifetime;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.common.signer.SubjectRules;
import io.certpipe.common.signer.UsageRules;

/** Each row breaks one rule of an otherwise valid to-be-signed certificate; the lint must name exactly that rule. */
class PreIssuanceLintTest {

    private static final X509CertificateHolder ISSUER = TestPki.caCertificate(TestPki.ecKey(), "CN=certpipe test CA",
            ToBeSigned.CA_NOT_BEFORE, ToBeSigned.CA_NOT_AFTER);
    private static final SignerPolicy LEAF = KubernetesSigners.kubeletServing(Duration.ofDays(365));
    private static final SignerPolicy INTERMEDIATE = new SignerPolicy(SubjectRules.ANY, AlternativeNameRules.NONE,
            new UsageRules(List.of("cert sign", "crl sign"), List.of("cert sign")), Lifetime.of(Duration.ofDays(365)),
            new IntermediateCa(0), List.of());

    static Stream<Arguments> defects() {
        return Stream.of(
                defect("a validity ending after the CA's", Lint.VALIDITY_WITHIN_ISSUER,
                        tbs -> at(tbs, tbs.notBefore, ToBeSigned.CA_NOT_AFTER.plusSeconds(1))),
                defect("a validity starting before the CA's", Lint.VALIDITY_WITHIN_ISSUER,
                        tbs -> at(tbs, ToBeSigned.CA_NOT_BEFORE.minusSeconds(1), tbs.notAfter)),
                defect("a validity that ends before it starts", Lint.VALIDITY_WITHIN_ISSUER,
                        tbs -> at(tbs, tbs.notAfter, tbs.notBefore)),
                defect("a serial of zero", Lint.SERIAL_NUMBER, tbs -> serial(tbs, BigInteger.ZERO)),
                defect("a negative serial", Lint.SERIAL_NUMBER, tbs -> serial(tbs, BigInteger.valueOf(-7))),
                defect("a serial of 21 octets", Lint.SERIAL_NUMBER, tbs -> serial(tbs, BigInteger.ONE.shiftLeft(160))),
                defect("a serial of 32 bits", Lint.SERIAL_NUMBER, tbs -> serial(tbs, BigInteger.valueOf(0x7fffffffL))),
                defect("a common name of 65 characters", Lint.SUBJECT,
                        tbs -> subject(tbs, new X500NameBuilder().addRDN(BCStyle.CN, new DERUTF8String("a".repeat(65)))
                                .build())),
                defect("a subject attribute as BMPString", Lint.SUBJECT,
                        tbs -> subject(tbs, new X500NameBuilder().addRDN(BCStyle.CN, new DERBMPString("web")).build())),
                defect("a control character in the common name", Lint.SUBJECT,
                        tbs -> subject(tbs, new X500NameBuilder().addRDN(BCStyle.CN, new DERUTF8String("web\u0000"))
                                .build())),
                defect("an empty organization", Lint.SUBJECT,
                        tbs -> subject(tbs, new X500NameBuilder().addRDN(BCStyle.O, new DERUTF8String("")).build())),
                defect("a three-letter country", Lint.SUBJECT,
                        tbs -> subject(tbs, new X500NameBuilder().addRDN(BCStyle.C, new DERPrintableString("USA"))
                                .build())),
                defect("an empty subject without a critical subjectAltName", Lint.SUBJECT,
                        tbs -> subject(tbs, new X500Name(new RDN[0]))),
                defect("a DNS name with an underscore", Lint.ALTERNATIVE_NAMES,
                        tbs -> tbs.names(new GeneralName(GeneralName.dNSName, "web_1.example.com"))),
                defect("an IP address of five octets", Lint.ALTERNATIVE_NAMES,
                        tbs -> tbs.names(new GeneralName(GeneralName.dNSName, "web.example.com"),
                                new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[5])))),
                defect("an email address without @", Lint.ALTERNATIVE_NAMES,
                        tbs -> tbs.names(new GeneralName(GeneralName.dNSName, "web.example.com"),
                                new GeneralName(GeneralName.rfc822Name, "web.example.com"))),
                defect("a relative URI", Lint.ALTERNATIVE_NAMES,
                        tbs -> tbs.names(new GeneralName(GeneralName.dNSName, "web.example.com"),
                                new GeneralName(GeneralName.uniformResourceIdentifier, "web/index"))),
                defect("server auth without subjectAltName", Lint.SERVER_AUTH_NAMES_A_HOST,
                        tbs -> tbs.without(Extension.subjectAlternativeName)),
                defect("server auth naming only an email address", Lint.SERVER_AUTH_NAMES_A_HOST,
                        tbs -> tbs.names(new GeneralName(GeneralName.rfc822Name, "web@example.com"))),
                defect("key encipherment on an EC key", Lint.KEY_USAGE_FITS_KEY,
                        tbs -> tbs.keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)),
                defect("key agreement on an Ed25519 key", Lint.KEY_USAGE_FITS_KEY,
                        tbs -> tbs.key(TestPki.ed25519Key()).keyUsage(KeyUsage.digitalSignature
                                | KeyUsage.keyAgreement)),
                defect("key agreement on an RSA key", Lint.KEY_USAGE_FITS_KEY,
                        tbs -> tbs.key(TestPki.rsaKey(2048)).keyUsage(KeyUsage.keyAgreement)),
                defect("decipher only without key agreement", Lint.KEY_USAGE_FITS_KEY,
                        tbs -> tbs.keyUsage(KeyUsage.digitalSignature | KeyUsage.decipherOnly)),
                defect("a repeated extension", Lint.UNIQUE_EXTENSIONS, tbs -> tbs.repeating(Extension.keyUsage)),
                defect("no basicConstraints", Lint.CA_BIT_FITS_PROFILE,
                        tbs -> tbs.without(Extension.basicConstraints)),
                defect("a non-critical basicConstraints", Lint.CA_BIT_FITS_PROFILE,
                        tbs -> tbs.extension(Extension.basicConstraints, false, new BasicConstraints(false))),
                defect("the CA bit under a leaf profile", Lint.CA_BIT_FITS_PROFILE,
                        tbs -> tbs.extension(Extension.basicConstraints, true, new BasicConstraints(0))
                                .keyUsage(KeyUsage.keyCertSign)),
                defect("key cert sign on a leaf", Lint.CA_BIT_FITS_PROFILE,
                        tbs -> tbs.keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)));
    }

    @ParameterizedTest(name = "finds {0}")
    @MethodSource("defects")
    void findsEachDefect(String defect, Lint expected, UnaryOperator<ToBeSigned> breaking) {
        List<LintFinding> findings = PreIssuanceLint.check(breaking.apply(new ToBeSigned()).der(), ISSUER, LEAF);

        assertEquals(List.of(expected), findings.stream().map(LintFinding::lint).toList(), findings.toString());
    }

    @Test
    void passesAValidLeaf() {
        assertEquals(List.of(), PreIssuanceLint.check(new ToBeSigned().der(), ISSUER, LEAF));
    }

    @Test
    void passesASubordinateCaWithTheProfilesPathLength() {
        ToBeSigned subordinate = new ToBeSigned().without(Extension.extendedKeyUsage)
                .extension(Extension.basicConstraints, true, new BasicConstraints(0))
                .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);

        assertEquals(List.of(), PreIssuanceLint.check(subordinate.der(), ISSUER, INTERMEDIATE));
    }

    @Test
    void findsASubordinateCaWithAnotherPathLength() {
        ToBeSigned subordinate = new ToBeSigned().without(Extension.extendedKeyUsage)
                .extension(Extension.basicConstraints, true, new BasicConstraints(3))
                .keyUsage(KeyUsage.keyCertSign);

        assertEquals(List.of(Lint.CA_BIT_FITS_PROFILE), PreIssuanceLint.check(subordinate.der(), ISSUER,
                INTERMEDIATE).stream().map(LintFinding::lint).toList());
    }

    @Test
    void passesAnEmptySubjectNamedByACriticalSubjectAltName() {
        ToBeSigned nameless = subject(new ToBeSigned(), new X500Name(new RDN[0]))
                .extension(Extension.subjectAlternativeName, true, new GeneralNames(
                        new GeneralName(GeneralName.dNSName, "web.example.com")));

        assertEquals(List.of(), PreIssuanceLint.check(nameless.der(), ISSUER, LEAF));
    }

    private static ToBeSigned at(ToBeSigned tbs, Instant notBefore, Instant notAfter) {
        tbs.notBefore = notBefore;
        tbs.notAfter = notAfter;
        return tbs;
    }

    private static ToBeSigned serial(ToBeSigned tbs, BigInteger serial) {
        tbs.serial = serial;
        return tbs;
    }

    private static ToBeSigned subject(ToBeSigned tbs, X500Name subject) {
        tbs.subject = subject;
        return tbs;
    }

    private static Arguments defect(String defect, Lint expected, UnaryOperator<ToBeSigned> breaking) {
        return Arguments.of(defect, expected, breaking);
    }
}
