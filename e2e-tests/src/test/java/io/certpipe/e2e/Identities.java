package io.certpipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import io.certpipe.common.csr.SignerNames;

/**
 * API identities obtained through certpipe itself: the admin submits and approves a client CSR, and the issued
 * certificate becomes a kubeconfig, as an operator would onboard a user or bootstrap a node.
 */
final class Identities {

    /** The node the kubelet tests act as, and the group Kubernetes puts every node in. */
    static final String NODE = "system:node:n1";
    static final String NODES_GROUP = "system:nodes";
    static final String NODE_SUBJECT = "/CN=" + NODE + "/O=" + NODES_GROUP;

    /** A key, the certificate certpipe issued for it, and a kubeconfig that logs in with both. */
    record Identity(String user, Path key, Path certificate, Path kubeconfig) {

        Kubectl kubectl() {
            return new Kubectl(kubeconfig);
        }

        ApiClient api() {
            return ApiClient.withClientCertificate(certificate, key);
        }
    }

    private Identities() {
    }

    /**
     * Issues a certificate for {@code CN=commonName,O=organization} from {@code signerName} (the admin creates and
     * approves the request) and writes it, with its key, into a kubeconfig under {@code directory}.
     */
    static Identity issue(Path directory, String commonName, String organization, String signerName,
            List<String> usages) {
        String stem = Csrs.uniqueName("identity");
        Openssl.KeyAndRequest keyAndRequest = Openssl.newKeyAndRequest(directory, stem,
                "/CN=" + commonName + "/O=" + organization);
        Kubectl admin = Kubectl.admin();
        String name = Csrs.uniqueName(stem);
        admin.create(Csrs.Manifest.of(name, keyAndRequest.requestPem(), signerName, usages).yaml());
        admin.approve(name);
        return write(directory, stem, commonName, keyAndRequest.key(), Csrs.awaitCertificate(admin, name));
    }

    /** Node n1's bootstrap identity, as an operator obtains it: an admin-approved kubelet client CSR. */
    static Identity bootstrapNode(Path directory) {
        return issue(directory, NODE, NODES_GROUP, SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                Csrs.KUBELET_CLIENT_USAGES);
    }

    /**
     * A client certificate for {@code subject} signed with cluster {@code default}'s client CA key straight from the
     * stack's PKI, as any tool holding that key could issue it: no certpipe rule ever sees the request. {@code user}
     * only names the kubeconfig's user entry.
     */
    static Identity signedByClientCa(Path directory, String user, String subject) {
        String stem = Csrs.uniqueName("client-ca-signed");
        Openssl.KeyAndRequest keyAndRequest = Openssl.newKeyAndRequest(directory, stem, subject);
        Path clientCa = Stack.signerCa(SignerNames.KUBE_APISERVER_CLIENT);
        String certificatePem = Openssl.signClientCertificate(directory, clientCa, clientCa.resolveSibling("ca.key"),
                keyAndRequest.requestPem());
        return write(directory, stem, user, keyAndRequest.key(), certificatePem);
    }

    /** The admin of {@code cluster}: {@code kubeconfig} for the default cluster, {@code kubeconfig-NAME} for others. */
    static Kubectl clusterAdmin(String cluster) {
        return new Kubectl(cluster.equals(Stack.CLUSTER) ? Stack.adminKubeconfig()
                : Stack.home().resolve("kubeconfig-" + cluster));
    }

    /**
     * A user of {@code cluster} with an API client certificate for {@code CN=user,O=group} that the cluster's admin
     * requested and approved there, and a kubeconfig that logs in to that cluster with it.
     */
    static Identity issueInCluster(Path directory, String cluster, String user, String group) {
        String stem = Csrs.uniqueName(user);
        Openssl.KeyAndRequest keyAndRequest = Openssl.newKeyAndRequest(directory, stem, "/CN=" + user + "/O=" + group);
        Kubectl admin = clusterAdmin(cluster);
        admin.create(Csrs.Manifest.of(stem, keyAndRequest.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        admin.approve(stem);
        Identity identity = write(directory, stem, user, keyAndRequest.key(), Csrs.awaitCertificate(admin, stem));
        return new Identity(user, identity.key(), identity.certificate(),
                withServerOf(directory, cluster, identity.kubeconfig()));
    }

    /** A copy of {@code kubeconfig} pointing at {@code cluster}'s URL (the stack's kubeconfigs differ only there). */
    static Path withServerOf(Path directory, String cluster, Path kubeconfig) {
        try {
            String text = Files.readString(kubeconfig).replace("/clusters/" + Stack.CLUSTER + "\n",
                    "/clusters/" + cluster + "\n");
            return Files.writeString(directory.resolve(cluster + "-" + kubeconfig.getFileName()), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves an issued certificate beside its key and writes a kubeconfig that logs in as {@code user} with both. */
    static Identity write(Path directory, String stem, String user, Path key, String certificatePem) {
        try {
            Path certificate = Files.writeString(directory.resolve(stem + ".crt"), certificatePem);
            Path kubeconfig = Files.writeString(directory.resolve(stem + ".kubeconfig"),
                    kubeconfig(user, certificatePem, Files.readString(key)));
            return new Identity(user, key, certificate, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kubeconfig shaped like the stack's own: every credential embedded, cluster entry {@code kubernetes}. */
    private static String kubeconfig(String user, String certificatePem, String keyPem) throws IOException {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubernetes
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: %s@kubernetes
                  context:
                    cluster: kubernetes
                    user: %s
                current-context: %s@kubernetes
                """.formatted(Stack.apiServer(), base64(Files.readString(Stack.servingCa())), user,
                base64(certificatePem), base64(keyPem), user, user, user);
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
