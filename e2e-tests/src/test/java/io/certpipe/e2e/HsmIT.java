package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventSignature;
import io.certpipe.common.signer.KeyMode;

/**
 * The stack as {@code ./certpipe up --hsm} starts it: every CA key generated inside a SoftHSM2 token and never on
 * disk, the kubeconfig chaining to the token's client CA, only token CAs published (signers topic, Signer objects,
 * ClusterTrustBundles), and certificates signed by the token keys. {@code ./certpipe test} runs this class alone (tag {@value #TAG}) after the main suite, on the test stack
 * started afresh with {@code --hsm}; the main suite leaves it out.
 */
@Tag(HsmIT.TAG)
class HsmIT {

    static final String TAG = "hsm";

    private static final String TOKEN_LABEL = "certpipe";
    private static final String EVENTS_TOKEN_LABEL = "intake-event-keys";
    /** How pkcs11-tool (OpenSC) shows a key generated in the token whose value has never left it. */
    private static final Pattern GENERATED_INSIDE_NEVER_EXTRACTABLE = Pattern.compile(
            "Access:\\s+sensitive, always sensitive, never extractable, local\\n");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void issuesWithTheTokenKeyACertificateThatVerifiesAgainstThePublishedTokenCa() throws Exception {
        String name = Csrs.uniqueName("hsm-alice");
        Openssl.KeyAndRequest alice = Openssl.newKeyAndRequest(work, name, "/CN=alice/O=dev-team");
        admin.create(Csrs.Manifest.of(name, alice.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        admin.approve(name);
        Identities.Identity identity = Identities.write(work, name, "alice", alice.key(),
                Csrs.awaitCertificate(admin, name));

        Path published = clusterTrustBundle(SignerNames.KUBE_APISERVER_CLIENT);
        Command.Result verify = Openssl.verify(published, identity.certificate());
        assertTrue(verify.succeeded() && verify.stdout().contains(": OK"), "openssl verify: " + verify);
        Command.Result adminVerify = Openssl.verify(published, Stack.adminCertificate());
        assertTrue(adminVerify.succeeded(), "the kubeconfig's admin certificate chains to the token CA: "
                + adminVerify);
        Command.Result whoami = identity.kubectl().run("auth", "whoami").requireSuccess("kubectl auth whoami");
        assertTrue(whoami.stdout().matches("(?s).*Username\\s+alice\\s.*"), "the certificate logs in: " + whoami);
    }

    @Test
    void publishesOnlyTokenCasThatWork() throws Exception {
        Map<String, SignerData> published = publishedSigners();
        JsonNode signerObjects = JSON.readTree(admin.run("get", "signers.certpipe.io", "-o", "json")
                .requireSuccess("kubectl get signers.certpipe.io").stdout());

        assertEquals(List.of(SignerNames.KUBE_APISERVER_CLIENT, SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                SignerNames.KUBELET_SERVING, "example.com/serving", "example.com/privileged-client").stream().sorted()
                .toList(),
                published.keySet().stream().sorted().toList());
        for (SignerData signer : published.values()) {
            assertEquals(KeyMode.pkcs11, signer.keyMode(), signer.toString());
            assertTrue(signer.caWorks(), signer.toString());
            assertEquals(Files.readString(Stack.signerCa(signer.signerName())).strip(), signer.trustBundle().strip(),
                    "the trust bundle is the token CA's certificate alone");
        }
        assertEquals(published.size(), signerObjects.path("items").size(), signerObjects.toString());
        for (JsonNode signer : signerObjects.path("items")) {
            assertEquals("pkcs11", signer.path("status").path("keyMode").asText(), signer.toString());
        }
    }

    /** Leaf keys (the API's, the admin's) are files; no private key on disk belongs to any CA certificate. */
    @Test
    void keepsNoCaPrivateKeyOnDisk() throws IOException {
        List<Path> caCertificates = caCertificates();
        List<Path> privateKeys;
        try (Stream<Path> files = Files.walk(Stack.home())) {
            privateKeys = files.filter(Files::isRegularFile).filter(HsmIT::holdsAPrivateKey).toList();
        }

        assertTrue(privateKeys.stream().noneMatch(key -> key.getFileName().toString().endsWith("ca.key")),
                "CA key files under the home: " + privateKeys);
        Map<String, Path> caPublicKeys = new LinkedHashMap<>();
        caCertificates.forEach(certificate -> caPublicKeys.put(openssl("x509", "-in", certificate.toString(),
                "-noout", "-pubkey"), certificate));
        for (Path key : privateKeys) {
            String publicKey = openssl("pkey", "-in", key.toString(), "-pubout");
            assertTrue(!caPublicKeys.containsKey(publicKey), key + " is the private key of "
                    + caPublicKeys.get(publicKey));
        }
    }

    /** OpenSC's pkcs11-tool reads the token itself: each CA's key was generated there and cannot leave it. */
    @Test
    void theTokenHoldsEachCaKeyGeneratedInsideAndNeverExtractable() throws IOException {
        Map<String, String> keysById = tokenPrivateKeysById();

        for (Path certificate : caCertificates()) {
            String label = tokenLabel(certificate);
            String key = keysById.get(HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8)));
            assertTrue(key != null, "the token holds no key for " + certificate + " (label " + label + "): "
                    + keysById.values());
            assertTrue(GENERATED_INSIDE_NEVER_EXTRACTABLE.matcher(key).find(), key);
        }
    }

    /** intake signs its events with a key generated in a token of its own, whose PIN only intake is given. */
    @Test
    void intakeSignsItsEventsWithAKeyInATokenOfItsOwn() throws IOException {
        Path keys = Stack.home().resolve("event-keys").resolve(Topics.INTAKE_SERVICE);
        assertFalse(Files.exists(keys.resolve("signing.pem")), "intake's event key is no file in a --hsm home");
        String keyId = Files.readString(keys.resolve("token-key")).strip();

        String label = "event-signing/" + Topics.INTAKE_SERVICE + "/" + keyId;
        String key = privateKeysById(EVENTS_TOKEN_LABEL, "secrets/events-token-pin")
                .get(HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8)));
        assertTrue(key != null, "the events token holds no key labelled " + label);
        assertTrue(GENERATED_INSIDE_NEVER_EXTRACTABLE.matcher(key).find(), key);

        String name = Csrs.uniqueName("hsm-signed-event");
        admin.create(Csrs.Manifest.of(name, Openssl.newKeyAndRequest(work, name, "/CN=" + name).requestPem(),
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).yaml());
        String uid = admin.get(name).path("metadata").path("uid").asText();
        KafkaTopics.awaitEvents(EventType.CREATED, uid, 1);
        List<String> signedWith = KafkaTopics.readAll(Topics.LIFECYCLE).stream()
                .map(record -> KafkaTopics.header(record, EventSignature.KEY_ID_HEADER))
                .distinct()
                .toList();
        assertEquals(List.of(keyId), signedWith, "every lifecycle event of this stack is signed with the token key");
    }

    @Test
    void statusShowsTheTokenKeyMode() {
        String status = Stack.certpipe("status").stdout();

        assertTrue(status.lines().anyMatch(line -> line.matches("signing-service\\s+running\\s.*\\spkcs11\\s+yes")),
                status);
        for (String signer : publishedSigners().keySet()) {
            assertTrue(status.lines().anyMatch(line -> line.matches(Pattern.quote(signer) + "\\s+pkcs11\\s+yes\\s*")),
                    signer + ":\n" + status);
        }
        assertTrue(status.contains("CA keys: pkcs11"), status);
    }

    private static Map<String, SignerData> publishedSigners() {
        return KafkaTopics.events(Topics.SIGNERS).stream()
                .filter(event -> event.eventType() == EventType.SIGNER_PUBLISHED)
                .map(event -> (SignerData) event.data())
                .filter(signer -> signer.cluster().equals(Stack.CLUSTER))
                .collect(Collectors.toMap(SignerData::signerName, Function.identity(), (older, newer) -> newer));
    }

    /** The signer's ClusterTrustBundle as a user reads it ({@code <signerName with ':'>:certpipe}), in a file. */
    private Path clusterTrustBundle(String signerName) throws IOException {
        String bundleName = signerName.replace('/', ':') + ":certpipe";
        String bundle = admin.run("get", "clustertrustbundle", bundleName, "-o", "jsonpath={.spec.trustBundle}")
                .requireSuccess("kubectl get clustertrustbundle " + bundleName).stdout();
        return Files.writeString(work.resolve(bundleName + ".pem"), bundle);
    }

    /** Every CA certificate of the stack: each cluster's signer CAs and the API's serving CA. */
    private static List<Path> caCertificates() throws IOException {
        List<Path> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Stack.home().resolve("signers"))) {
            files.filter(file -> file.getFileName().toString().equals("ca.crt")).sorted().forEach(certificates::add);
        }
        certificates.add(Stack.servingCa());
        return certificates;
    }

    /** The token label ./certpipe gives a CA's key: {@code <cluster>/<ca>}, or the serving CA's file name. */
    private static String tokenLabel(Path certificate) {
        if (certificate.getFileName().toString().equals("ca.crt")) {
            Path caDirectory = certificate.getParent();
            return caDirectory.getParent().getFileName() + "/" + caDirectory.getFileName();
        }
        return certificate.getFileName().toString().replaceFirst("\\.crt$", "");
    }

    /** The CA token's private key objects as pkcs11-tool lists them, by their CKA_ID in hex. */
    private static Map<String, String> tokenPrivateKeysById() throws IOException {
        return privateKeysById(TOKEN_LABEL, "secrets/hsm-pin");
    }

    /** The private key objects of token {@code tokenLabel}, logged in with the PIN in {@code pinFile} of the home. */
    private static Map<String, String> privateKeysById(String tokenLabel, String pinFile) throws IOException {
        String pin = Files.readString(Stack.home().resolve(pinFile)).strip();
        Command.Result listed = Command.run(List.of("pkcs11-tool", "--module", pkcs11Library(), "--token-label",
                        tokenLabel, "--login", "--pin", pin, "--list-objects", "--type", "privkey"),
                Map.of("SOFTHSM2_CONF", Stack.home().resolve("hsm/softhsm2.conf").toString()), TOOL_TIMEOUT, null)
                .requireSuccess("pkcs11-tool --list-objects");
        Map<String, String> byId = new LinkedHashMap<>();
        for (String object : listed.stdout().split("(?=Private Key Object)")) {
            object.lines().map(String::strip).filter(line -> line.startsWith("ID:")).findFirst()
                    .ifPresent(id -> byId.put(id.substring("ID:".length()).strip(), object));
        }
        return byId;
    }

    private static String pkcs11Library() {
        String library = System.getProperty("certpipe.pkcs11.library");
        if (library == null || library.isBlank()) {
            throw new IllegalStateException("system property certpipe.pkcs11.library is not set: run the suite "
                    + "through ./certpipe test");
        }
        return library;
    }

    private static boolean holdsAPrivateKey(Path file) {
        try {
            return Files.size(file) < 64 * 1024 && Files.readString(file, StandardCharsets.ISO_8859_1)
                    .contains("PRIVATE KEY-----");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String openssl(String... args) {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        return Command.run(argv).requireSuccess("openssl " + args[0]).stdout();
    }
}
