package io.certpipe.signing.ca;

import static io.certpipe.common.pki.SoftHsm.TestToken.CA_KEYS;
import static io.certpipe.common.pki.SoftHsm.TestToken.NEVER_LOGGED_IN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.TestPki;
import io.certpipe.common.pki.Pkcs11Settings;
import io.certpipe.common.pki.Pkcs11Token;
import io.certpipe.common.pki.SoftHsm;
import io.certpipe.common.signer.KeyMode;

/** CA keys in a real SoftHSM2 token: how they are made, found, used, and how a broken token is reported. */
class Pkcs11CertificateAuthorityTest {

    private static final Pattern NEVER_EXTRACTED = Pattern.compile(
            "Access:\\s+sensitive, always sensitive, never extractable, local\\n");
    private static final Pattern SIGN_ONLY = Pattern.compile("Usage:\\s+sign\\n");

    @TempDir
    Path caRoot;

    private final String cluster = SoftHsm.uniqueCluster();
    private final SignerId client = new SignerId(cluster, "kubernetes.io/kube-apiserver-client");
    private final SignerId serving = new SignerId(cluster, "kubernetes.io/kubelet-serving");

    /**
     * OpenSC's pkcs11-tool reads the attributes from the token itself: "local" means the key was generated there,
     * "always sensitive" and "never extractable" that its value has never left it, and it may only sign.
     */
    @Test
    void generatesEachCaKeyInsideTheTokenSensitiveNeverExtractableAndSignOnly() {
        TokenCas.tokenCa(caRoot, client);

        String key = privateKeyObject(Pkcs11Token.caLabel(directoryOf(client)));

        assertTrue(NEVER_EXTRACTED.matcher(key).find(), key);
        assertTrue(SIGN_ONLY.matcher(key).find(), key);
    }

    @Test
    void neverRevealsTheKeyValueToThisProcess() throws Exception {
        TokenCas.tokenCa(caRoot, client);
        Pkcs11Token token = Pkcs11Token.open(SoftHsm.settings(CA_KEYS));
        PrivateKey key = token.entry(Pkcs11Token.caLabel(directoryOf(client))).orElseThrow().key();

        assertNull(key.getEncoded());
        InvalidKeySpecException refused = assertThrows(InvalidKeySpecException.class,
                () -> KeyFactory.getInstance("EC", token.provider()).getKeySpec(key, ECPrivateKeySpec.class));
        assertEquals(Optional.of("CKR_ATTRIBUTE_SENSITIVE"), Pkcs11Token.returnCode(refused));
    }

    @Test
    void signsWithTheTokenKeyAgainstThePublishedCertificate() {
        CertificateAuthority ca = TokenCas.tokenCa(caRoot, client);

        assertEquals(KeyMode.pkcs11, ca.mode());
        assertEquals(Optional.empty(), KeyCheck.problemWith(ca));
        assertEquals(CaKeyIds.of(ca.certificate().getSubjectPublicKeyInfo()), ca.keyId());
    }

    @Test
    void loadsEverySignersCaFromTheToken() {
        TokenCas.tokenCa(caRoot, client);
        TokenCas.tokenCa(caRoot, serving);

        CertificateAuthorities authorities = CertificateAuthorities.loadFromToken(
                Map.of(client, directoryOf(client), serving, directoryOf(serving)), SoftHsm.settings(CA_KEYS));

        assertEquals(List.of(client, serving),
                authorities.available().stream().map(CertificateAuthority::signer).toList());
        assertTrue(authorities.available().stream().allMatch(ca -> ca.mode() == KeyMode.pkcs11));
        assertTrue(authorities.unavailable().isEmpty());
    }

    @Test
    void reportsAWrongPinAsTheProblemOfEverySigner() {
        CertificateAuthorities authorities = CertificateAuthorities.loadFromToken(
                Map.of(client, directoryOf(client), serving, directoryOf(serving)),
                SoftHsm.settings(NEVER_LOGGED_IN, "not-the-pin"));

        assertTrue(authorities.available().isEmpty());
        assertEquals(2, authorities.unavailable().size());
        for (CertificateAuthorities.UnavailableCa unavailable : authorities.unavailable()) {
            assertEquals(KeyMode.pkcs11, unavailable.mode());
            assertTrue(unavailable.problem().contains("the token refused the PIN (CKR_PIN_INCORRECT)"),
                    unavailable.problem());
            assertFalse(unavailable.problem().contains("not-the-pin"), unavailable.problem());
        }
    }

    @Test
    void reportsASlotWithoutToken() {
        Pkcs11Settings noSuchSlot = new Pkcs11Settings(SoftHsm.library(), OptionalInt.empty(), OptionalInt.of(99),
                Optional.of(SoftHsm.PIN), Optional.empty());

        String problem = onlyProblem(CertificateAuthorities.loadFromToken(Map.of(client, directoryOf(client)),
                noSuchSlot));

        assertTrue(problem.contains("slot list index 99") && problem.contains("is not available"), problem);
    }

    @Test
    void reportsAMissingLibrary() {
        Pkcs11Settings noLibrary = new Pkcs11Settings(caRoot.resolve("libmissing.so"), OptionalInt.of(0),
                OptionalInt.empty(), Optional.of(SoftHsm.PIN), Optional.empty());

        String problem = onlyProblem(CertificateAuthorities.loadFromToken(Map.of(client, directoryOf(client)),
                noLibrary));

        assertTrue(problem.contains("libmissing.so does not exist"), problem);
    }

    @Test
    void reportsAMissingPinFile() {
        Pkcs11Settings pinFileMissing = new Pkcs11Settings(SoftHsm.library(),
                OptionalInt.of(SoftHsm.slotOf(CA_KEYS)), OptionalInt.empty(), Optional.empty(),
                Optional.of(caRoot.resolve("pin")));

        String problem = onlyProblem(CertificateAuthorities.loadFromToken(Map.of(client, directoryOf(client)),
                pinFileMissing));

        assertTrue(problem.contains("PIN file " + caRoot.resolve("pin") + " is missing"), problem);
    }

    @Test
    void readsThePinFromTheFirstLineOfItsFile() throws Exception {
        TokenCas.tokenCa(caRoot, client);
        Path pinFile = Files.writeString(caRoot.resolve("pin"), SoftHsm.PIN + "\n", StandardCharsets.UTF_8);
        Pkcs11Settings fromFile = new Pkcs11Settings(SoftHsm.library(), OptionalInt.of(SoftHsm.slotOf(CA_KEYS)),
                OptionalInt.empty(), Optional.empty(), Optional.of(pinFile));

        CertificateAuthorities authorities = CertificateAuthorities.loadFromToken(
                Map.of(client, directoryOf(client)), fromFile);

        assertEquals(1, authorities.available().size());
    }

    @Test
    void reportsACaWhoseKeyIsNotInTheToken() {
        KeyPair softwareKey = TestPki.ecKey();
        TestPki.writeCa(directoryOf(client), TestPki.caCertificate(softwareKey, "CN=elsewhere",
                Instant.now().plus(Duration.ofDays(30))), softwareKey);
        deleteKeyFile(client);

        String problem = onlyProblem(CertificateAuthorities.loadFromToken(Map.of(client, directoryOf(client)),
                SoftHsm.settings(CA_KEYS)));

        assertTrue(problem.contains("holds no key labelled \"" + cluster + "/kubernetes.io:kube-apiserver-client\""),
                problem);
    }

    @Test
    void refusesACaKeyFileWhileTheKeysAreInTheToken() throws Exception {
        TokenCas.tokenCa(caRoot, client);
        Files.writeString(directoryOf(client).resolve(PemFileCertificateAuthority.KEY_FILE), TestPki.pem(
                new JcaPKCS8Generator(TestPki.ecKey().getPrivate(), null).generate()));

        String problem = onlyProblem(CertificateAuthorities.loadFromToken(Map.of(client, directoryOf(client)),
                SoftHsm.settings(CA_KEYS)));

        assertTrue(problem.contains("ca.key is a CA key on disk"), problem);
    }

    @Test
    void refusesSettingsThatDoNotNameOneToken() {
        assertThrows(IllegalArgumentException.class, () -> new Pkcs11Settings(Path.of("/lib.so"), OptionalInt.of(1),
                OptionalInt.of(0), Optional.of(SoftHsm.PIN), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Pkcs11Settings(Path.of("/lib.so"),
                OptionalInt.empty(), OptionalInt.empty(), Optional.of(SoftHsm.PIN), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Pkcs11Settings(Path.of("/lib.so"), OptionalInt.of(1),
                OptionalInt.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void neverPrintsThePin() throws Exception {
        Pkcs11Settings settings = SoftHsm.settings(CA_KEYS);

        assertFalse(settings.toString().contains(SoftHsm.PIN), settings.toString());
        assertFalse(Pkcs11Token.open(settings).toString().contains(SoftHsm.PIN));
        assertFalse(TokenCas.tokenCa(caRoot, client).toString().contains(SoftHsm.PIN));
    }

    private Path directoryOf(SignerId signer) {
        return caRoot.resolve(signer.cluster()).resolve(signer.directoryName());
    }

    private void deleteKeyFile(SignerId signer) {
        try {
            Files.delete(directoryOf(signer).resolve(PemFileCertificateAuthority.KEY_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String onlyProblem(CertificateAuthorities authorities) {
        assertTrue(authorities.available().isEmpty());
        assertEquals(1, authorities.unavailable().size());
        return authorities.unavailable().iterator().next().problem();
    }

    /** The block pkcs11-tool prints for the private key whose CKA_ID is {@code label}'s bytes. */
    private static String privateKeyObject(String label) {
        String id = HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8));
        for (String object : SoftHsm.privateKeyObjects(CA_KEYS).split("(?=Private Key Object)")) {
            if (object.contains("ID:") && object.replaceAll("\\s+", " ").contains("ID: " + id + " ")) {
                return object;
            }
        }
        throw new AssertionError("pkcs11-tool lists no private key with the ID of \"" + label + "\"");
    }
}
