package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;

/**
 * What kubectl prints when the API says no, as it prints a real API server's {@code Status}; and the refusals and
 * {@code Warning:} lines at create time that catch the mistakes the tutorials warn about.
 */
class KubectlErrorIT {

    private static final String STDIN = "STDIN";

    @TempDir
    static Path work;

    private static Openssl.KeyAndRequest valid;
    private final Kubectl admin = Kubectl.admin();

    @BeforeAll
    static void makeAKeyAndRequest() {
        valid = Openssl.newKeyAndRequest(work, "errors", "/CN=erin/O=dev-team");
    }

    @Test
    void missingRequestIsNotFoundForEveryCommand() {
        String name = Csrs.uniqueName("missing");
        String notFound = "Error from server (NotFound): certificatesigningrequests.certificates.k8s.io \"" + name
                + "\" not found";
        for (List<String> command : List.of(List.of("get", "csr", name), List.of("describe", "csr", name),
                List.of("delete", "csr", name), List.of("certificate", "approve", name))) {
            Command.Result result = admin.run(command.toArray(String[]::new));
            assertFalse(result.succeeded(), command + ": " + result);
            assertEquals(notFound, result.stderr().trim(), "kubectl " + command);
        }
    }

    @Test
    void invalidRequestListsEveryFieldCause() {
        String name = Csrs.uniqueName("invalid");
        Csrs.Manifest manifest = new Csrs.Manifest(name, valid.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                List.of(), 599);

        Command.Result result = create(manifest.yaml());

        String error = result.stderr();
        assertTrue(error.startsWith("The CertificateSigningRequest \"" + name + "\" is invalid: "), error);
        assertTrue(error.contains("* spec.usages: Required value"), error);
        assertTrue(error.contains("* spec.expirationSeconds: Invalid value: 599: may not specify a duration less "
                + "than 600 seconds (10 minutes)"), error);
        assertNotStored(name);
    }

    /** kube-apiserver's ValidateLabels: a key must be a qualified name, a value at most 63 characters. */
    @Test
    void labelKubernetesRefusesIsRefusedInItsWords() {
        String name = Csrs.uniqueName("bad-label");
        String value = "v".repeat(100);

        Command.Result result = create(manifest(name).withLabels(Map.of("bad key!", value)).yaml());

        assertFalse(result.succeeded(), "refused: " + result);
        assertEquals(List.of("The CertificateSigningRequest \"" + name + "\" is invalid: ",
                "* metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, "
                        + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                        + "'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "* metadata.labels: Invalid value: \"" + value + "\": must be no more than 63 characters"),
                result.stderr().lines().toList());
        assertNotStored(name);
    }

    /** Over HTTP/2, as kubectl speaks to the API, the answer is still a Status kubectl can print. */
    @Test
    void bodyOverTheSizeLimitIsRequestEntityTooLarge() {
        String name = Csrs.uniqueName("oversize");
        String manifest = manifest(name).yaml().replace("  name: " + name + "\n", "  name: " + name + "\n"
                + "  annotations:\n    note: \"" + "x".repeat(300 * 1024) + "\"\n");

        Command.Result result = create(manifest);

        assertFalse(result.succeeded(), "refused: " + result.stderr().lines().findFirst().orElse(""));
        assertTrue(result.stderr().trim().matches("Error from server \\(RequestEntityTooLarge\\): error when "
                + "creating \"" + STDIN + "\": Request entity too large: limit is \\d+"), result.stderr());
        assertNotStored(name);
    }

    @Test
    void replaceWithAStaleResourceVersionIsConflict() {
        String name = Csrs.uniqueName("stale");
        admin.create(manifest(name).yaml());
        ObjectNode stale = (ObjectNode) admin.get(name);

        admin.runWithInput(labelled(stale, "blue"), "replace", "-f", "-").requireSuccess("the first replace");
        Command.Result second = admin.runWithInput(labelled(stale, "green"), "replace", "-f", "-");

        assertFalse(second.succeeded(), "the second replace carries a stale resourceVersion: " + second);
        assertEquals("Error from server (Conflict): error when replacing \"" + STDIN + "\": Operation cannot be "
                + "fulfilled on certificatesigningrequests.certificates.k8s.io \"" + name + "\": the object has "
                + "been modified; please apply your changes to the latest version and try again",
                second.stderr().trim());
        assertEquals("blue", admin.get(name).path("metadata").path("labels").path("team").asText());
    }

    @Test
    void unknownFieldIsRefusedUnderStrictFieldValidation() {
        String name = Csrs.uniqueName("unknown-field");
        // The manifest's last block is spec, two spaces in: this line is spec.foo.
        Command.Result result = create(manifest(name).yaml() + "  foo: bar\n");

        assertFalse(result.succeeded(), "refused: " + result);
        assertTrue(result.stderr().startsWith("Error from server (BadRequest): error when creating \"" + STDIN
                + "\": ") && result.stderr().contains("unknown field \"spec.foo\""), result.stderr());
        assertNotStored(name);
    }

    @Test
    void base64WithDamagedPaddingIsBadRequest() {
        String name = Csrs.uniqueName("damaged-padding");
        // Trailing newlines make the PEM one byte past a multiple of three: its base64 ends in "==".
        String pem = valid.requestPem();
        while (pem.getBytes(StandardCharsets.US_ASCII).length % 3 != 1) {
            pem += "\n";
        }
        String base64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        assertTrue(base64.endsWith("=="), base64);
        String damaged = base64.substring(0, base64.length() - 1);

        Command.Result result = create(manifest(name).yaml().replace(manifest(name).base64Request(), damaged));

        assertTrue(result.stderr().startsWith("Error from server (BadRequest): error when creating \"" + STDIN
                + "\": ") && result.stderr().contains("base64"), result.stderr());
        assertNotStored(name);
    }

    @Test
    void derFileWhereAPemRequestBelongsIsInvalidAndSaysSo() {
        String name = Csrs.uniqueName("der");
        String derBase64 = Base64.getEncoder().encodeToString(Openssl.requestDer(work, valid.requestPem()));

        Command.Result result = create(manifest(name).yaml().replace(manifest(name).base64Request(), derBase64));

        String error = result.stderr();
        assertTrue(error.startsWith("The CertificateSigningRequest \"" + name + "\" is invalid: ")
                && error.contains("spec.request"), error);
        assertTrue(error.contains("DER") && error.contains("PEM"), "the mistake is named: " + error);
        assertNotStored(name);
    }

    @Test
    void certificateWhereARequestBelongsIsInvalidAndSaysSo() throws IOException {
        String name = Csrs.uniqueName("certificate-not-request");

        Command.Result result = create(manifest(name).withRequest(Files.readString(Stack.adminCertificate())).yaml());

        String error = result.stderr();
        assertTrue(error.startsWith("The CertificateSigningRequest \"" + name + "\" is invalid: ")
                && error.contains("spec.request"), error);
        assertTrue(error.contains("'CERTIFICATE'") && error.contains("CERTIFICATE REQUEST"),
                "the mistake is named: " + error);
        assertNotStored(name);
    }

    @Test
    void privateKeyInTheRequestIsRefusedAndNeverStoredPublishedOrLogged() throws IOException {
        String name = Csrs.uniqueName("pasted-key");
        String keyPem = Files.readString(valid.key());
        Csrs.Manifest pasted = manifest(name).withRequest(keyPem);
        List<String> secrets = Stream.concat(Stream.of(pasted.base64Request()),
                keyPem.lines().filter(line -> !line.startsWith("-----"))).toList();

        Command.Result result = create(pasted.yaml());

        assertTrue(result.stderr().toLowerCase(Locale.ROOT).contains("private key"), "a loud refusal: " + result);
        secrets.forEach(secret -> assertFalse(result.stderr().contains(secret), "the key is not echoed back"));
        assertNotStored(name);
        LifecycleTopic.assertNothingPublishedAbout(name);
        try (Stream<Path> logs = Files.list(Stack.logs())) {
            logs.filter(Files::isRegularFile).forEach(log -> secrets.forEach(secret -> assertFalse(read(log).contains(secret),
                    "key material in " + log)));
        }
    }

    @Test
    void requestTheSignerWillRefuseIsCreatedWithAWarning() {
        String kubeletServing = Csrs.uniqueName("serving-wrong-organization");
        Path key = Openssl.newKey(work.resolve(kubeletServing + ".key"));
        String wrongOrganization = Openssl.newRequest(key, "/CN=" + Identities.NODE + "/O=foo",
                List.of("n1.nodes.example"));
        Command.Result serving = create(Csrs.Manifest.of(kubeletServing, wrongOrganization,
                SignerNames.KUBELET_SERVING, List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH)).yaml());
        assertCreatedWithWarning(serving, kubeletServing, Identities.NODES_GROUP);

        String clientForServer = Csrs.uniqueName("client-signer-server-usage");
        Command.Result client = create(Csrs.Manifest.of(clientForServer, valid.requestPem(),
                SignerNames.KUBE_APISERVER_CLIENT, List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH))
                .yaml());
        assertCreatedWithWarning(client, clientForServer, KeyUsages.SERVER_AUTH);
    }

    @Test
    void unknownSignerIsCreatedWithAWarning() {
        String name = Csrs.uniqueName("unknown-signer");
        Command.Result result = create(Csrs.Manifest.of(name, valid.requestPem(), KubectlGetIT.UNSERVED_SIGNER,
                Csrs.CLIENT_USAGES).yaml());
        assertCreatedWithWarning(result, name, KubectlGetIT.UNSERVED_SIGNER);
    }

    @Test
    void requestTheSignerWillIssueIsCreatedWithoutAWarning() {
        String name = Csrs.uniqueName("no-warning");
        Command.Result result = create(manifest(name).yaml());
        assertTrue(result.succeeded(), result.toString());
        assertEquals("", result.stderr(), "nothing to warn about");
    }

    private Command.Result create(String manifest) {
        return admin.runWithInput(manifest, "create", "-f", "-");
    }

    private static Csrs.Manifest manifest(String name) {
        return Csrs.Manifest.of(name, valid.requestPem(), SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES);
    }

    /** The request as JSON with label {@code team} set, for {@code kubectl replace -f -}. */
    private static String labelled(ObjectNode csr, String team) {
        ObjectNode copy = csr.deepCopy();
        ((ObjectNode) copy.get("metadata")).putObject("labels").put("team", team);
        return copy.toString();
    }

    private void assertNotStored(String name) {
        assertTrue(admin.find(name).isEmpty(), "kubectl get csr " + name + " answers NotFound");
    }

    private static void assertCreatedWithWarning(Command.Result result, String name, String mentioning) {
        assertEquals(KubectlWriteIT.RESOURCE + "/" + name + " created", result.stdout().trim(), result.toString());
        List<String> warnings = result.stderr().lines().filter(line -> line.startsWith("Warning: ")).toList();
        assertTrue(warnings.stream().anyMatch(warning -> warning.contains(mentioning)),
                "a Warning naming " + mentioning + ": " + result.stderr());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
