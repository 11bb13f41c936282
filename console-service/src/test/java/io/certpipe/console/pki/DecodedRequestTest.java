package io.certpipe.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

class DecodedRequestTest {

    @Test
    void readsTheSubjectAsWrittenAndTheIdentityKubernetesDrawsFromIt() throws Exception {
        DecodedRequest decoded = DecodedRequest.decode(TestPki.request(TestPki.ecP256(),
                "CN=alice,O=dev-team,O=operators", null));

        assertEquals("CN=alice,O=dev-team,O=operators", decoded.subject().distinguishedName());
        assertEquals("alice", decoded.subject().commonName());
        assertEquals(List.of("dev-team", "operators"), decoded.subject().organizations());
        assertEquals(List.of(), decoded.alternativeNames());
    }

    @Test
    void groupsAlternativeNamesByKindInTheOrderPagesListThem() throws Exception {
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://cluster.local/ns/a/sa/web"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.5"),
                new GeneralName(GeneralName.dNSName, "web.team-a.svc"),
                new GeneralName(GeneralName.rfc822Name, "alice@example.com"),
                new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                new GeneralName(GeneralName.dNSName, "web.team-a.svc.cluster.local")});

        DecodedRequest decoded = DecodedRequest.decode(TestPki.request(TestPki.ecP256(), "CN=web", names));

        assertEquals(List.of(
                new AlternativeName(AlternativeName.Kind.DNS, "web.team-a.svc"),
                new AlternativeName(AlternativeName.Kind.DNS, "web.team-a.svc.cluster.local"),
                new AlternativeName(AlternativeName.Kind.IP, "10.0.0.5"),
                new AlternativeName(AlternativeName.Kind.IP, "2001:db8:0:0:0:0:0:1"),
                new AlternativeName(AlternativeName.Kind.EMAIL, "alice@example.com"),
                new AlternativeName(AlternativeName.Kind.URI, "spiffe://cluster.local/ns/a/sa/web")),
                decoded.alternativeNames());
        assertEquals(List.of(), decoded.otherRequestedExtensions(), "the SAN extension is shown by name only");
    }

    @Test
    void describesAnEcKeyByItsCurveAndAnRsaKeyByItsModulus() throws Exception {
        DecodedRequest ec = DecodedRequest.decode(TestPki.request(TestPki.ecP256(), "CN=ec", null));
        DecodedRequest rsa = DecodedRequest.decode(TestPki.request(TestPki.rsa(2048), "CN=rsa", null));

        assertEquals(new PublicKeyDescription("EC P-256", 256), ec.publicKey());
        assertEquals("EC P-256 (256 bits)", ec.publicKey().summary());
        assertEquals("SHA256WITHECDSA", ec.signatureAlgorithm());
        assertEquals(new PublicKeyDescription("RSA", 2048), rsa.publicKey());
    }

    @Test
    void keepsAHostileCommonNameAsTextForThePageToEscape() throws Exception {
        DecodedRequest decoded = DecodedRequest.decode(TestPki.request(TestPki.ecP256(),
                "CN=<script>alert(1)</script>", null));

        assertEquals("<script>alert(1)</script>", decoded.subject().commonName());
    }

    @Test
    void refusesWhatIsNoCertificateRequest() {
        assertThrows(UnreadableException.class, () -> DecodedRequest.decode("not PEM at all"));
        assertThrows(UnreadableException.class, () -> DecodedRequest.decode("""
                -----BEGIN CERTIFICATE REQUEST-----
                AAAA
                -----END CERTIFICATE REQUEST-----
                """));
    }
}
