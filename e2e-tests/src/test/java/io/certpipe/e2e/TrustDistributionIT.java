package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each signer publishes through the API, read as an ordinary user reads it: {@code kubectl get
 * signers.certpipe.io} with everything Kubernetes asks a signer to document, its ClusterTrustBundle and the same
 * certificates as plain PEM; a certificate the signer issues verifies against that bundle with {@code openssl verify}.
 */
class TrustDistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVING_OBJECT = "example.com:serving";

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void anyUserReadsEverySignersDocumentedRules() throws IOException {
        Kubectl user = plainUser().kubectl();

        Command.Result table = user.run("get", "signers.certpipe.io").requireSuccess("get signers");
        JsonNode serving = JSON.readTree(user.run("get", "signers.certpipe.io", SERVING_OBJECT, "-o", "json")
                .requireSuccess("get signer " + SERVING_OBJECT).stdout());

        for (String signer : List.of("example.com:serving", "kubernetes.io:kube-apiserver-client",
                "kubernetes.io:kube-apiserver-client-kubelet", "kubernetes.io:kubelet-serving")) {
            assertTrue(table.stdout().contains(signer), table.stdout());
        }
        JsonNode spec = serving.path("spec");
        assertEquals(SignersIT.EXAMPLE_SERVING, spec.path("signerName").asText());
        assertEquals("example.com:serving:certpipe", spec.path("trustDistribution").path("clusterTrustBundle")
                .asText());
        assertEquals(List.of(KeyUsages.SERVER_AUTH), strings(spec.path("requiredUsages")));
        assertTrue(strings(spec.path("permittedUsages")).contains(KeyUsages.KEY_ENCIPHERMENT), spec.toString());
        assertEquals("2160h0m0s", spec.path("lifetime").path("maximum").asText());
        assertEquals(false, spec.path("caBitAllowed").asBoolean(true));
        assertTrue(strings(spec.path("permittedSubjectAlternativeNames").path("dnsNames"))
                .contains("**.svc.cluster.local"), spec.toString());
        assertEquals("file", serving.path("status").path("keyMode").asText());
        assertTrue(serving.path("status").path("caWorks").asBoolean(), serving.toString());
        Command.Result described = user.run("describe", "signer.certpipe.io", SERVING_OBJECT);
        assertTrue(described.succeeded() && described.stdout().contains("Permitted Subjects"), described.stdout());
    }

    @Test
    void aCertificateVerifiesAgainstItsSignersClusterTrustBundleAndPem() throws IOException {
        Identities.Identity user = plainUser();
        String bundleName = "example.com:serving:certpipe";
        Command.Result bundles = user.kubectl().run("get", "clustertrustbundles").requireSuccess("get bundles");
        String bundle = user.kubectl().run("get", "clustertrustbundle", bundleName, "-o",
                "jsonpath={.spec.trustBundle}").requireSuccess("get bundle").stdout();
        ApiClient.TextResponse pem = user.api().getText("/trust-bundles/" + SERVING_OBJECT + ".pem");

        String name = Csrs.uniqueName("my-svc.my-namespace");
        admin.create(new Csrs.Manifest(name, SignersIT.servingRequest(work, name, SignersIT.TUTORIAL_NAMES),
                SignersIT.EXAMPLE_SERVING, SignersIT.SERVING_USAGES, null).yaml());
        admin.approve(name);
        Path certificate = Files.writeString(work.resolve(name + ".crt"), Csrs.awaitCertificate(admin, name));
        Path bundleFile = Files.writeString(work.resolve("serving-bundle.pem"), bundle);

        assertTrue(bundles.stdout().contains(bundleName) && bundles.stdout().contains(SignersIT.EXAMPLE_SERVING),
                bundles.stdout());
        assertEquals(200, pem.code());
        assertEquals(bundle.strip(), pem.body().strip());
        assertEquals(Files.readString(Stack.signerCa(SignersIT.EXAMPLE_SERVING)).strip(), bundle.strip(),
                "one CA, no rotation in progress: the bundle is the signer's CA certificate");
        Command.Result verified = Openssl.verify(bundleFile, certificate);
        assertTrue(verified.succeeded() && verified.stdout().contains(": OK"), verified.toString());
        assertEquals(404, user.api().getText("/trust-bundles/example.org:nobody.pem").code());
    }

    private Identities.Identity plainUser() {
        return Identities.issue(work, Csrs.uniqueName("reader"), "readers", SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
