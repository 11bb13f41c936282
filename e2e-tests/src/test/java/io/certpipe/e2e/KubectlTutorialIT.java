package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;

/**
 * The Kubernetes documentation's CSR walkthroughs and the scripts people copy from tutorials, run as written in a
 * shell with the real kubectl, openssl, base64 and jq.
 */
class KubectlTutorialIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void authWhoamiNamesTheAdmin() {
        Command.Result whoami = admin.run("auth", "whoami").requireSuccess("kubectl auth whoami");

        assertEquals("certpipe-admin", attribute(whoami, "Username"));
        assertEquals("[system:masters system:authenticated]", attribute(whoami, "Groups"));
    }

    /**
     * "Issue a Certificate for a Kubernetes API Client Using A CertificateSigningRequest", step by step: the user's
     * key and CSR, the CSR object applied from a heredoc, approval, the certificate fetched with jsonpath, a
     * kubeconfig user and context, and the login.
     */
    @Test
    void seedTutorialIssuesACertificateThatLogsInAsMyuser() throws IOException {
        Path directory = Files.createDirectory(work.resolve("seed-tutorial"));
        // The tutorial edits the reader's kubeconfig; the stack's own stays untouched.
        Kubectl reader = new Kubectl(Files.copy(Stack.adminKubeconfig(), directory.resolve("config")));
        String name = Csrs.uniqueName("myuser");

        reader.shell("""
                set -e
                cd '%s'
                openssl genrsa -out myuser.key 2048
                openssl req -new -key myuser.key -out myuser.csr -subj "/CN=myuser/O=app-team"
                cat <<EOF | kubectl apply -f -
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata:
                  name: %s
                spec:
                  request: $(cat myuser.csr | base64 | tr -d "\\n")
                  signerName: kubernetes.io/kube-apiserver-client
                  expirationSeconds: 86400  # one day
                  usages:
                  - client auth
                EOF
                kubectl get csr
                kubectl certificate approve %s
                """.formatted(directory, name, name)).requireSuccess("the tutorial's create and approve");
        // The tutorial reads the certificate right away; a real cluster's signer needs a moment too.
        Csrs.awaitCertificate(reader, name);

        Command.Result login = reader.shell("""
                set -e
                cd '%s'
                kubectl get csr %s -o jsonpath='{.status.certificate}' | base64 -d > myuser.crt
                kubectl config set-credentials myuser --client-key=myuser.key --client-certificate=myuser.crt \\
                    --embed-certs=true
                kubectl config set-context myuser --cluster=kubernetes --user=myuser
                kubectl --context myuser auth whoami
                """.formatted(directory, name)).requireSuccess("the tutorial's login");

        assertEquals("myuser", attribute(login, "Username"));
        assertEquals("[app-team system:authenticated]", attribute(login, "Groups"));
    }

    @Test
    void jqSelectsExactlyThePendingRequests() throws IOException {
        String batch = Csrs.uniqueName("jq");
        String pendingA = create(batch, "pending-a", SignerNames.KUBE_APISERVER_CLIENT);
        String pendingB = create(batch, "pending-b", SignerNames.KUBE_APISERVER_CLIENT);
        String approved = create(batch, "approved", KubectlGetIT.UNSERVED_SIGNER);
        String issued = create(batch, "issued", SignerNames.KUBE_APISERVER_CLIENT);
        String denied = create(batch, "denied", SignerNames.KUBE_APISERVER_CLIENT);
        admin.approve(approved);
        admin.approve(issued);
        admin.deny(denied);
        Csrs.awaitCertificate(admin, issued);

        Command.Result selected = admin.shell(
                "kubectl get csr -o json | jq '.items[] | select(.status.conditions == null)'")
                .requireSuccess("the tutorial's jq filter");

        Set<String> selectedOfBatch = new HashSet<>();
        try (MappingIterator<JsonNode> objects = JSON.readerFor(JsonNode.class).readValues(selected.stdout())) {
            while (objects.hasNext()) {
                JsonNode csr = objects.next();
                if (batch.equals(csr.path("metadata").path("labels").path(KubectlGetIT.BATCH_LABEL).asText())) {
                    selectedOfBatch.add(csr.path("metadata").path("name").asText());
                }
            }
        }
        assertEquals(Set.of(pendingA, pendingB), selectedOfBatch);
    }

    /** The loop that approves what one requestor asked for, as tutorials do for kubelet serving certificates. */
    @Test
    void autoApproveLoopApprovesOnlyTheChosenRequestorsRequests() {
        Identities.Identity node = Identities.bootstrapNode(work);
        String batch = Csrs.uniqueName("loop");
        String fromNode = Csrs.uniqueName("kubelet-serving");
        Path key = Openssl.newKey(work.resolve(fromNode + ".key"));
        node.kubectl().create(Csrs.Manifest.of(fromNode,
                        Openssl.newRequest(key, Identities.NODE_SUBJECT, List.of("n1.nodes.example")),
                        SignerNames.KUBELET_SERVING,
                        List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.SERVER_AUTH))
                .withLabels(Map.of(KubectlGetIT.BATCH_LABEL, batch)).yaml());
        String fromAdmin = create(batch, "from-admin", SignerNames.KUBE_APISERVER_CLIENT);

        Command.Result loop = admin.shell("""
                for csr in $(kubectl get csr -l %s=%s -o jsonpath='{.items[*].metadata.name}'); do
                  if [ "$(kubectl get csr "$csr" -o jsonpath='{.spec.username}')" = "%s" ]; then
                    kubectl certificate approve "$csr"
                  fi
                done
                """.formatted(KubectlGetIT.BATCH_LABEL, batch, Identities.NODE)).requireSuccess("the approve loop");

        assertEquals(KubectlWriteIT.RESOURCE + "/" + fromNode + " approved", loop.stdout().trim());
        Csrs.awaitCertificate(admin, fromNode);
        assertTrue(Csrs.condition(admin.get(fromNode), CsrCondition.APPROVED).isPresent());
        assertEquals("Pending", admin.tableRow(fromAdmin).cell("CONDITION"), "another requestor's request waits");
    }

    private String create(String batch, String prefix, String signerName) {
        String name = Csrs.uniqueName(prefix);
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=" + prefix + "/O=dev-team").requestPem();
        admin.create(Csrs.Manifest.of(name, requestPem, signerName, Csrs.CLIENT_USAGES)
                .withLabels(Map.of(KubectlGetIT.BATCH_LABEL, batch)).yaml());
        return name;
    }

    /** A value of {@code kubectl auth whoami}'s ATTRIBUTE / VALUE table. */
    private static String attribute(Command.Result whoami, String attribute) {
        Matcher row = Pattern.compile("^" + attribute + "\\s+(.+)$", Pattern.MULTILINE).matcher(whoami.stdout());
        assertTrue(row.find(), "no " + attribute + " in:\n" + whoami.stdout());
        return row.group(1).trim();
    }
}
