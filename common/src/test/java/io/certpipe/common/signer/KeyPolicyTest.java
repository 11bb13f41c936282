package io.certpipe.common.signer;

import static io.certpipe.common.signer.Violation.Reason.KEY_ALGORITHM_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.KEY_CURVE_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.KEY_IS_A_CA_KEY;
import static io.certpipe.common.signer.Violation.Reason.KEY_TOO_LARGE;
import static io.certpipe.common.signer.Violation.Reason.KEY_TOO_SMALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.SubjectName;
import io.certpipe.common.csr.TestPki;

/** The subject keys certpipe certifies, one row per key; fixtures under /csr were made with openssl. */
class KeyPolicyTest {

    private static final String ALICE = "O=developers,CN=alice";

    static Stream<Arguments> keys() {
        return Stream.of(
                row("accepts RSA 2048", TestPki.csr(ALICE).key(TestPki.rsaKey(2048)).pem()),
                row("accepts RSA 8192", TestPki.fixture("rsa-8192-key.csr")),
                row("accepts ECDSA P-256", TestPki.csr(ALICE).pem()),
                row("accepts ECDSA P-384", TestPki.csr(ALICE).key(TestPki.ecKey("secp384r1")).pem()),
                row("accepts Ed25519", TestPki.csr(ALICE).key(TestPki.ed25519Key()).pem()),
                row("refuses RSA 1024", TestPki.fixture("short-rsa-key.csr"), KEY_TOO_SMALL,
                        "RSA key of 1024 bits is too short (at least 2048)"),
                row("refuses RSA 16384", TestPki.fixture("rsa-16384-key.csr"), KEY_TOO_LARGE,
                        "RSA key of 16384 bits is too long (at most 8192)"),
                row("refuses ECDSA P-521", TestPki.fixture("p521-key.csr"), KEY_CURVE_NOT_PERMITTED,
                        "EC key curve secp521r1 is not allowed (RSA 2048-8192, ECDSA P-256 or P-384, Ed25519)"),
                row("refuses DSA", TestPki.fixture("dsa-key.csr"), KEY_ALGORITHM_NOT_PERMITTED,
                        "key algorithm DSA is not allowed (RSA 2048-8192, ECDSA P-256 or P-384, Ed25519)"),
                row("refuses Ed448", TestPki.fixture("ed448-key.csr"), KEY_ALGORITHM_NOT_PERMITTED,
                        "key algorithm Ed448 is not allowed (RSA 2048-8192, ECDSA P-256 or P-384, Ed25519)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void judgesTheSubjectKey(String rule, String csr, Violation.Reason reason, String message) {
        List<Violation> violations = KeyPolicy.check(CertificationRequests.parsePem(csr));

        if (reason == null) {
            assertEquals(List.of(), violations);
        } else {
            assertEquals(List.of(new Violation(reason, message)), violations);
        }
    }

    /** The JDK cannot even decode such keys, so the request is built with Bouncy Castle and handed over parsed. */
    @Test
    void refusesEcKeyOutsideNistCurves() throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair key = generator.generateKeyPair();
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=alice"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(key.getPrivate()));
        ParsedRequest parsed = new ParsedRequest(request, key.getPublic(), SubjectName.read(request.getSubject()),
                List.of(), List.of(), List.of(), List.of());

        List<Violation> violations = KeyPolicy.check(parsed);

        assertEquals(List.of(KEY_CURVE_NOT_PERMITTED), violations.stream().map(Violation::reason).toList());
        assertTrue(violations.get(0).message().startsWith("EC key curve secp256k1 is not allowed"),
                violations.toString());
    }

    @Test
    void rejectsRequestWithInvalidSignatureBeforeAnyRule() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> CertificationRequests.parsePem(TestPki.fixture("bad-signature.csr")));
        assertTrue(refused.getMessage().contains("signature"), refused.getMessage());
    }

    @Test
    void refusesTheSignersOwnCaKey() {
        KeyPair caKey = TestPki.ecKey();
        ParsedRequest request = CertificationRequests.parsePem(TestPki.csr(ALICE).key(caKey).pem());

        List<Violation> violations = KeyPolicy.check(request, List.of(TestPki.ecKey().getPublic(),
                caKey.getPublic()));

        assertEquals(List.of(new Violation(KEY_IS_A_CA_KEY, "the request's public key is the signer's own CA key")),
                violations);
        assertEquals(List.of(), KeyPolicy.check(request, List.of(TestPki.ecKey().getPublic())));
    }

    /** Whoever holds the CA's RSA private key can sign with any public exponent over its modulus. */
    @Test
    void recognisesAnRsaCaKeyDespiteAnotherExponent() throws Exception {
        KeyPair caKey = TestPki.rsaKey(2048);
        BigInteger modulus = ((RSAPublicKey) caKey.getPublic()).getModulus();
        PublicKey sameModulus = KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(modulus, BigInteger.valueOf(3)));
        ParsedRequest request = CertificationRequests.parsePem(TestPki.csr(ALICE).key(caKey).pem());

        assertEquals(List.of(KEY_IS_A_CA_KEY), KeyPolicy.check(request, List.of(sameModulus)).stream()
                .map(Violation::reason).toList());
    }

    private static Arguments row(String rule, String csr) {
        return Arguments.of(rule, csr, null, null);
    }

    private static Arguments row(String rule, String csr, Violation.Reason reason, String message) {
        return Arguments.of(rule, csr, reason, message);
    }
}
