package io.certpipe.common.csr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CertificationRequestsTest {

    private static final KeyPair KEY = newKey();

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PKCS10CertificationRequest request(String subject, GeneralName... sans) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), KEY.getPublic());
        if (sans.length > 0) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate()));
    }

    private static PKCS10CertificationRequest request(KeyPair key, String signatureAlgorithm) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=alice"), key.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(key.getPrivate()));
    }

    private static String pem(Object object) {
        return Pem.encode(object);
    }

    @Test
    void readsSubjectAndAlternativeNames() throws Exception {
        String pem = pem(request("CN=system:node:n1,O=system:nodes",
                new GeneralName(GeneralName.dNSName, "n1.example.com"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.7"),
                new GeneralName(GeneralName.rfc822Name, "ops@example.com")));

        ParsedRequest parsed = CertificationRequests.parsePem(pem);

        assertEquals("system:node:n1", parsed.subject().commonName());
        assertEquals(List.of("system:nodes"), parsed.subject().organizations());
        assertEquals(List.of("n1.example.com"), parsed.dnsNames());
        assertEquals(List.of("10.0.0.7"), parsed.ipAddresses());
        assertEquals(List.of("ops@example.com"), parsed.emailAddresses());
        assertTrue(parsed.hasSubjectAlternativeNames());
    }

    @Test
    void readsAnAdmittedRequestAgainAsItWasAdmitted() throws Exception {
        String pem = pem(request("CN=alice", new GeneralName(GeneralName.dNSName, "a.example.com")));

        ParsedRequest admitted = CertificationRequests.parseAdmittedPem(pem);

        assertEquals("alice", admitted.subject().commonName());
        assertEquals(List.of("a.example.com"), admitted.dnsNames());
        assertArrayEquals(KEY.getPublic().getEncoded(), admitted.request().getSubjectPublicKeyInfo().getEncoded());
        assertThrows(InvalidRequestException.class, () -> CertificationRequests.parseAdmittedPem("junk"));
    }

    @Test
    void refusesASubjectThatNamesMoreThanOneUser() {
        var error = assertThrows(InvalidRequestException.class,
                () -> CertificationRequests.parsePem(TestPki.fixture("two-common-names-node.csr")));
        assertTrue(error.getMessage().contains("CN=system:node:n1, CN=alice"), error.getMessage());
    }

    @Test
    void refusesAnOrganizationHiddenInAMultiValuedRdn() {
        var error = assertThrows(InvalidRequestException.class,
                () -> CertificationRequests.parsePem(TestPki.fixture("masters-in-multi-valued-rdn.csr")));
        assertTrue(error.getMessage().contains("multi-valued"), error.getMessage());
    }

    @Test
    void rejectsRequestWithInvalidSignature() throws Exception {
        byte[] der = request("CN=alice").getEncoded();
        der[der.length - 3] ^= 0x01;
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";

        var error = assertThrows(InvalidRequestException.class, () -> CertificationRequests.parsePem(pem));
        assertTrue(error.getMessage().contains("signature"), error.getMessage());
    }

    @Test
    void verifiesEveryPermittedKindOfKeyAndEcdsaDigest() throws Exception {
        KeyPair p384 = TestPki.ecKey("secp384r1");
        List<String> signed = List.of(
                TestPki.csr("CN=p256").pem(),
                TestPki.csr("CN=p384").key(p384).pem(),
                pem(request(KEY, "SHA512withECDSA")),
                TestPki.csr("CN=rsa").key(TestPki.rsaKey(2048)).pem(),
                TestPki.csr("CN=ed25519").key(TestPki.ed25519Key()).pem());

        for (String csr : signed) {
            CertificationRequests.parsePem(csr);
        }
    }

    @Test
    void refusesAnEcKeyWhoseRequestClaimsAnotherSignatureAlgorithm() throws Exception {
        ContentSigner ecdsa = new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate());
        ContentSigner labelledRsa = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
            }

            @Override
            public OutputStream getOutputStream() {
                return ecdsa.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return ecdsa.getSignature();
            }
        };
        String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=alice"), KEY.getPublic())
                .build(labelledRsa));

        var error = assertThrows(InvalidRequestException.class, () -> CertificationRequests.parsePem(csr));
        assertTrue(error.getMessage().contains("not ECDSA"), error.getMessage());
    }

    @Test
    void refusesAPrivateKeyLoudly() throws Exception {
        var error = assertThrows(InvalidRequestException.class,
                () -> CertificationRequests.parsePem(pem(KEY.getPrivate())));
        assertTrue(error.getMessage().contains("PRIVATE KEY"), error.getMessage());
        assertTrue(error.getMessage().contains("not stored"), error.getMessage());
    }

    @Test
    void rejectsTextThatIsNotPem() {
        assertThrows(InvalidRequestException.class, () -> CertificationRequests.parsePem("hello"));
    }

    @Test
    void rejectsACertificateWhereARequestBelongs() {
        String certificatePem = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        var error = assertThrows(InvalidRequestException.class, () -> CertificationRequests.parsePem(certificatePem));
        assertTrue(error.getMessage().contains("'CERTIFICATE'"), error.getMessage());
    }

    @Test
    void judgesSignerNamesAsKubernetesDoes() {
        assertEquals(null, SignerNames.problemWith("kubernetes.io/kube-apiserver-client"));
        assertEquals(null, SignerNames.problemWith("example.com/serving"));
        assertTrue(SignerNames.problemWith("no-slash") != null);
        assertTrue(SignerNames.problemWith("localhost/x") != null);
        assertTrue(SignerNames.problemWith("Example.com/x") != null);
        assertTrue(SignerNames.problemWith("example.com/") != null);
    }
}
