package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.common.csr.SignerNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, in which cluster, through the real kubectl: every CSR verb for a user bound by name, a user bound
 * through a group and an unbound user, in the cluster with the bindings and in a second cluster without them; in every
 * cell {@code kubectl auth can-i} says what the request itself then gets. Also: a certificate of one cluster does not
 * log in to the other, the Kubernetes docs' csr-approver role approves for exactly its signer, and bindings are
 * watched like any object.
 */
class AuthorizationIT {

    /** The second tenant ./certpipe test declares before it starts the stack. */
    static final String OTHER_CLUSTER = "tenant-b";
    private static final String SIGNER = SignerNames.KUBE_APISERVER_CLIENT;
    /** A signer no CA serves here, so its approved requests wait for an external signer's status write. */
    private static final String EXTERNAL_SIGNER = "example.com/matrix-signer";
    private static final String CSRS = "certificatesigningrequests";

    /** Everything a requester, approver and external signer of SIGNER does, as one role. */
    private static final String EDITOR_ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: matrix-csr-editor
            rules:
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests]
              verbs: [create, get, list, watch, delete, update, patch]
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests/approval, certificatesigningrequests/status]
              verbs: [update]
            - apiGroups: [certificates.k8s.io]
              resources: [signers]
              resourceNames: [kubernetes.io/kube-apiserver-client, example.com/matrix-signer]
              verbs: [approve, sign]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: matrix-csr-editor-users
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: matrix-csr-editor}
            subjects:
            - {kind: User, name: matrix-alice}
            - {kind: Group, name: matrix-editors}
            """;

    /** The csr-approver example of the Kubernetes documentation, as published, and a binding to one user. */
    private static final String DOCS_APPROVER = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: csr-approver
            rules:
            - apiGroups:
              - certificates.k8s.io
              resources:
              - certificatesigningrequests
              verbs:
              - get
              - list
              - watch
            - apiGroups:
              - certificates.k8s.io
              resources:
              - certificatesigningrequests/approval
              verbs:
              - update
            - apiGroups:
              - certificates.k8s.io
              resources:
              - signers
              resourceNames:
              - example.com/my-signer-name # example.com/* can be used to authorize for all signers in the 'example.com' domain
              verbs:
              - approve
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: csr-approver-docs-dana
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: csr-approver
            subjects:
            - kind: User
              name: docs-dana
            """;

    @TempDir
    static Path directory;

    /** Per cluster: the three subjects, by user name, each with a certificate of that cluster. */
    private static final Map<String, Map<String, Identities.Identity>> SUBJECTS = new HashMap<>();

    @BeforeAll
    static void bindInTheDefaultClusterOnly() {
        Identities.clusterAdmin(Stack.CLUSTER).runWithInput(EDITOR_ROLE, "apply", "-f", "-")
                .requireSuccess("apply the editor role");
        for (String cluster : List.of(Stack.CLUSTER, OTHER_CLUSTER)) {
            SUBJECTS.put(cluster, Map.of(
                    "matrix-alice", Identities.issueInCluster(directory, cluster, "matrix-alice", "matrix-nobody"),
                    "matrix-gary", Identities.issueInCluster(directory, cluster, "matrix-gary", "matrix-editors"),
                    "matrix-bob", Identities.issueInCluster(directory, cluster, "matrix-bob", "matrix-nobody")));
        }
    }

    @Test
    void canIAgreesWithWhatEveryRequestGetsInBothClusters() {
        List<String> disagreements = new ArrayList<>();
        for (String cluster : List.of(Stack.CLUSTER, OTHER_CLUSTER)) {
            for (Map.Entry<String, Identities.Identity> subject : SUBJECTS.get(cluster).entrySet()) {
                boolean bound = cluster.equals(Stack.CLUSTER) && !subject.getKey().equals("matrix-bob");
                for (Cell cell : cells(cluster, subject.getValue())) {
                    boolean expected = bound || cell.allowedToEveryone();
                    String where = cluster + " / " + subject.getKey() + " / " + cell.name();
                    if (cell.canI() != expected) {
                        disagreements.add(where + ": can-i says " + cell.canI() + ", expected " + expected);
                    }
                    if (cell.performed() != expected) {
                        disagreements.add(where + ": the request " + (cell.performed() ? "succeeded" : "was refused")
                                + ", expected " + (expected ? "success" : "Forbidden") + ": " + cell.output());
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void aWatchOfBindingsSeesOneCreatedAndDeletedWithKubectl() {
        Kubectl admin = Kubectl.admin();
        String binding = Csrs.uniqueName("watched-binding");
        try (Command.Running watch = admin.start("get", "clusterrolebindings", "--watch",
                "--output-watch-events")) {
            watch.awaitLine("the listed bindings",
                    line -> WatchEvents.is(line, "ADDED", "system:discovery"));
            admin.run("create", "clusterrolebinding", binding, "--clusterrole=system:discovery", "--user=watched")
                    .requireSuccess("kubectl create clusterrolebinding");
            admin.run("delete", "clusterrolebinding", binding).requireSuccess("kubectl delete clusterrolebinding");
            watch.awaitLine("the creation",
                    line -> WatchEvents.is(line, "ADDED", binding));
            watch.awaitLine("the deletion",
                    line -> WatchEvents.is(line, "DELETED", binding));
        }
    }

    @Test
    void aCertificateOfOneClusterDoesNotLogInToTheOther() {
        Identities.Identity alice = SUBJECTS.get(Stack.CLUSTER).get("matrix-alice");
        Path elsewhere = Identities.withServerOf(directory, OTHER_CLUSTER, alice.kubeconfig());

        Command.Result home = alice.kubectl().run("auth", "whoami");
        Command.Result away = new Kubectl(elsewhere).run("auth", "whoami");

        assertTrue(home.succeeded() && home.stdout().contains("matrix-alice"), home.stdout() + home.stderr());
        assertFalse(away.succeeded(), away.stdout());
        assertTrue(away.stderr().contains("Unauthorized"), away.stderr());
    }

    @Test
    void theDocsCsrApproverApprovesForExactlyTheNamedSigner() {
        Kubectl admin = Identities.clusterAdmin(Stack.CLUSTER);
        admin.runWithInput(DOCS_APPROVER, "apply", "-f", "-").requireSuccess("apply the docs' csr-approver");
        Kubectl dana = Identities.issueInCluster(directory, Stack.CLUSTER, "docs-dana", "docs-team").kubectl();
        String named = request(admin, "example.com/my-signer-name");
        String other = request(admin, SIGNER);

        assertEquals("yes", dana.run("auth", "can-i", "approve", "signers.certificates.k8s.io/example.com/"
                + "my-signer-name").stdout().trim());
        dana.run("certificate", "approve", named).requireSuccess("approve for the named signer");
        Command.Result refused = dana.run("certificate", "approve", other);

        assertTrue(Csrs.condition(admin.get(named), "Approved").isPresent());
        assertFalse(refused.succeeded());
        assertTrue(refused.stderr().contains("user not permitted to approve requests with signerName \"" + SIGNER
                + "\""), refused.stderr());
        assertTrue(Csrs.condition(admin.get(other), "Approved").isEmpty());
    }

    /** One verb of the matrix for one subject: what can-i answered, and what doing it got. */
    private record Cell(String name, boolean canI, boolean performed, String output, boolean allowedToEveryone) {
    }

    private static List<Cell> cells(String cluster, Identities.Identity subject) {
        Kubectl admin = Identities.clusterAdmin(cluster);
        Kubectl kubectl = subject.kubectl();
        List<Cell> cells = new ArrayList<>();
        String mine = Csrs.uniqueName("matrix");
        Command.Result created = kubectl.runWithInput(manifest(mine, SIGNER), "create", "-f", "-");
        cells.add(cell("create", canI(kubectl, "create", CSRS), created, true));
        if (!created.succeeded()) {
            admin.create(manifest(mine, SIGNER));
        }
        cells.add(cell("get", canI(kubectl, "get", CSRS), kubectl.run("get", "csr", mine), false));
        cells.add(cell("list", canI(kubectl, "list", CSRS), kubectl.run("get", "csr"), false));
        cells.add(cell("watch", canI(kubectl, "watch", CSRS), kubectl.run("get", "--raw", "/clusters/" + cluster
                + "/apis/certificates.k8s.io/v1/certificatesigningrequests?watch=true&timeoutSeconds=1"), false));
        cells.add(cell("patch", canI(kubectl, "patch", CSRS), kubectl.run("label", "csr", mine, "matrix=patched",
                "--overwrite"), false));
        cells.add(cell("update", canI(kubectl, "update", CSRS), kubectl.runWithInput(relabelled(admin, mine),
                "replace", "-f", "-"), false));
        cells.add(cell("approve", canI(kubectl, "update", CSRS + "/approval")
                        && canI(kubectl, "approve", "signers.certificates.k8s.io/" + SIGNER),
                kubectl.run("certificate", "approve", mine), false));
        String waiting = Csrs.uniqueName("matrix-sign");
        admin.create(manifest(waiting, EXTERNAL_SIGNER));
        admin.approve(waiting);
        cells.add(cell("sign", canI(kubectl, "update", CSRS + "/status")
                        && canI(kubectl, "sign", "signers.certificates.k8s.io/" + EXTERNAL_SIGNER),
                kubectl.runWithInput(failed(admin, waiting), "replace", "--subresource=status", "-f", "-"),
                false));
        cells.add(cell("delete", canI(kubectl, "delete", CSRS), kubectl.run("delete", "csr", mine), false));
        return cells;
    }

    private static Cell cell(String name, boolean canI, Command.Result result, boolean allowedToEveryone) {
        boolean refused = (result.stderr() + result.stdout()).contains("orbidden");
        if (!result.succeeded() && !refused) {
            throw new AssertionError(name + " failed for a reason other than authorisation: " + result.stderr());
        }
        return new Cell(name, canI, result.succeeded(), result.stderr().trim(), allowedToEveryone);
    }

    private static boolean canI(Kubectl kubectl, String verb, String resource) {
        String answer = kubectl.run("auth", "can-i", verb, resource).stdout().trim();
        // Scripts compare the answer with "no": kube-apiserver's RBAC gives no reason to print after it.
        assertTrue(answer.equals("yes") || answer.equals("no"), "can-i " + verb + " " + resource + ": " + answer);
        return answer.equals("yes");
    }

    /** The request as its signer reports a failure: the stored object with a Failed condition added. */
    private static String failed(Kubectl admin, String name) {
        ObjectNode csr = (ObjectNode) admin.get(name);
        ((ArrayNode) csr.with("status").withArray("conditions")).addObject().put("type", "Failed")
                .put("status", "True").put("reason", "MatrixSigner").put("message", "the external signer gave up");
        return csr.toString();
    }

    /** The stored object with one label changed, as {@code kubectl replace -f} sends it. */
    private static String relabelled(Kubectl admin, String name) {
        ObjectNode csr = (ObjectNode) admin.get(name);
        csr.with("metadata").with("labels").put("matrix", "replaced");
        return csr.toString();
    }

    private static String request(Kubectl admin, String signerName) {
        String name = Csrs.uniqueName("docs");
        admin.create(manifest(name, signerName));
        return name;
    }

    private static String manifest(String name, String signerName) {
        Openssl.KeyAndRequest keyAndRequest = Openssl.newKeyAndRequest(directory, name, "/CN=" + name);
        return Csrs.Manifest.of(name, keyAndRequest.requestPem(), signerName, Csrs.CLIENT_USAGES).yaml();
    }
}
