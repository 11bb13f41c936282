package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;

/**
 * {@code kubectl get csr} in every form the tutorials use, over one set of requests in each state Kubernetes prints.
 * Every listing is narrowed to this class's requests by a batch label, since other tests share the stack.
 */
class KubectlGetIT {

    static final String BATCH_LABEL = "e2e.certpipe.io/batch";
    /** No signer serves it, so an approved request for it stays approved and never issued, as in Kubernetes. */
    static final String UNSERVED_SIGNER = "example.org/nobody";
    private static final String TEAM_LABEL = "team";
    private static final String DENY_MESSAGE = "This CSR was denied by kubectl certificate deny.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static final Kubectl ADMIN = Kubectl.admin();
    private static String batch;
    private static String pending;
    private static String approved;
    private static String issued;
    private static String denied;
    private static String failed;

    /** Five requests, one per condition column value, labelled with a team except the failed one. */
    @BeforeAll
    static void requestsInEveryState() {
        batch = Csrs.uniqueName("get");
        pending = create("pending", SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES, "blue");
        approved = create("approved", UNSERVED_SIGNER, Csrs.CLIENT_USAGES, "green");
        issued = create("issued", SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES, "blue");
        denied = create("denied", SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES, "red");
        failed = create("failed", SignerNames.KUBE_APISERVER_CLIENT,
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH), null);
        ADMIN.approve(approved);
        ADMIN.approve(issued);
        ADMIN.deny(denied);
        ADMIN.approve(failed);
        Csrs.awaitCertificate(ADMIN, issued);
        Csrs.awaitCondition(ADMIN, failed, CsrCondition.FAILED);
        KafkaTopics.awaitConsumed("signing-service", EventType.APPROVED.topic());
        KafkaTopics.awaitConsumed("intake-service", EventType.SIGNED.topic());
    }

    @Test
    void tableShowsTheConditionColumnAsKubernetesPrintsIt() {
        Kubectl.PrintedTable table = ADMIN.table("-l", inBatch());

        assertEquals(Kubectl.CSR_COLUMNS, table.columns());
        Map<String, String> conditions = new LinkedHashMap<>();
        table.rows().forEach(row -> conditions.put(row.get("NAME"), row.get("CONDITION")));
        assertEquals(Map.of(pending, "Pending", approved, "Approved", issued, "Approved,Issued", denied, "Denied",
                failed, "Approved,Failed"), conditions);
        Map<String, String> row = table.row(issued);
        assertEquals(SignerNames.KUBE_APISERVER_CLIENT, row.get("SIGNERNAME"));
        assertEquals("certpipe-admin", row.get("REQUESTOR"));
        assertEquals("24h", row.get("REQUESTEDDURATION"));
    }

    @Test
    void wideAddsTheLatestConditionsReasonAndMessage() {
        Kubectl.PrintedTable wide = ADMIN.table("-l", inBatch(), "-o", "wide");

        assertEquals(Kubectl.CSR_COLUMNS, wide.columns().subList(0, Kubectl.CSR_COLUMNS.size()),
                "the standard columns come first: " + wide.columns());
        assertTrue(wide.columns().size() > Kubectl.CSR_COLUMNS.size(), "-o wide adds columns: " + wide.columns());
        String deniedRow = String.join(" ", wide.row(denied).values());
        assertTrue(deniedRow.contains("KubectlDeny") && deniedRow.contains(DENY_MESSAGE),
                "the deny reason and message: " + wide.row(denied));
        JsonNode failure = Csrs.condition(ADMIN.get(failed), CsrCondition.FAILED).orElseThrow();
        String failedRow = String.join(" ", wide.row(failed).values());
        assertTrue(failedRow.contains(failure.path("reason").asText())
                && failedRow.contains(failure.path("message").asText()),
                "why signing failed: " + wide.row(failed) + " for " + failure);
    }

    @Test
    void everyOutputFormatShowsTheSameRequests() throws Exception {
        JsonNode list = JSON.readTree(ADMIN.run("get", "csr", "-l", inBatch(), "-o", "json")
                .requireSuccess("kubectl get csr -o json").stdout());
        assertEquals("List", list.path("kind").asText(), "kubectl prints a v1 List: " + list.path("kind"));
        assertEquals(Set.of(pending, approved, issued, denied, failed), namesOf(list));
        list.path("items").forEach(item -> {
            assertEquals("CertificateSigningRequest", item.path("kind").asText(), item.toString());
            assertEquals("certificates.k8s.io/v1", item.path("apiVersion").asText(), item.toString());
        });

        String yaml = ADMIN.run("get", "csr", issued, "-o", "yaml").requireSuccess("kubectl get csr -o yaml").stdout();
        String json = ADMIN.run("get", "csr", issued, "-o", "json").requireSuccess("kubectl get csr -o json").stdout();
        assertEquals(JSON.readTree(json), new YAMLMapper().readTree(yaml), "-o yaml is the same object as -o json");

        assertEquals(new TreeSet<>(Set.of(pending, approved, issued, denied, failed)).stream()
                        .map(name -> KubectlWriteIT.RESOURCE + "/" + name).toList(),
                ADMIN.run("get", "csr", "-l", inBatch(), "-o", "name").requireSuccess("kubectl get -o name").stdout()
                        .lines().sorted().toList());

        assertEquals(SignerNames.KUBE_APISERVER_CLIENT + " certpipe-admin", ADMIN.run("get", "csr", issued, "-o",
                "jsonpath={.spec.signerName} {.spec.username}").requireSuccess("kubectl get -o jsonpath").stdout());
        String names = ADMIN.run("get", "csr", "-l", inBatch(), "-o", "jsonpath={.items[*].metadata.name}")
                .requireSuccess("kubectl get -o jsonpath over a list").stdout();
        assertEquals(Set.of(pending, approved, issued, denied, failed), Set.of(names.trim().split(" ")));

        Kubectl.PrintedTable custom = ADMIN.table("-l", inBatch(), "-o",
                "custom-columns=NAME:.metadata.name,SIGNER:.spec.signerName,TEAM:.metadata.labels.team");
        assertEquals(List.of("NAME", "SIGNER", "TEAM"), custom.columns());
        assertEquals(Map.of("NAME", approved, "SIGNER", UNSERVED_SIGNER, "TEAM", "green"), custom.row(approved));
        assertEquals("<none>", custom.row(failed).get("TEAM"), "a missing field prints as <none>");
    }

    @Test
    void showLabelsAndLabelSelectors() {
        Kubectl.PrintedTable labelled = ADMIN.table("-l", inBatch(), "--show-labels");
        assertEquals("LABELS", labelled.columns().getLast());
        assertEquals(BATCH_LABEL + "=" + batch + "," + TEAM_LABEL + "=blue", labelled.row(pending).get("LABELS"));
        assertEquals(BATCH_LABEL + "=" + batch, labelled.row(failed).get("LABELS"));

        assertEquals(Set.of(pending, issued), selected(inBatch() + ",team=blue"));
        assertEquals(Set.of(pending, issued), selected(inBatch() + ",team==blue"));
        assertEquals(Set.of(approved, denied, failed), selected(inBatch() + ",team!=blue"));
        assertEquals(Set.of(approved, denied), selected(inBatch() + ",team in (green,red)"));
        assertEquals(Set.of(approved, denied, failed), selected(inBatch() + ",team notin (blue)"));
        assertEquals(Set.of(pending, approved, issued, denied), selected(inBatch() + ",team"));
        assertEquals(Set.of(failed), selected(inBatch() + ",!team"));
    }

    @Test
    void sortByCreationTimestampAndSignerName() throws InterruptedException {
        String sortBatch = Csrs.uniqueName("sort");
        List<String> byCreation = new ArrayList<>();
        // Creation timestamps have whole seconds: a second apart, the three are strictly ordered.
        for (Map.Entry<String, String> prefixAndSigner : List.of(
                Map.entry("zulu", SignerNames.KUBE_APISERVER_CLIENT),
                Map.entry("alpha", SignerNames.KUBE_APISERVER_CLIENT_KUBELET),
                Map.entry("mike", UNSERVED_SIGNER))) {
            String name = Csrs.uniqueName(prefixAndSigner.getKey());
            String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=sam/O=dev-team").requestPem();
            ADMIN.create(Csrs.Manifest.of(name, requestPem, prefixAndSigner.getValue(), Csrs.CLIENT_USAGES)
                    .withLabels(Map.of(BATCH_LABEL, sortBatch)).yaml());
            byCreation.add(name);
            Thread.sleep(1_100);
        }
        String selector = BATCH_LABEL + "=" + sortBatch;

        assertEquals(byCreation, ADMIN.table("-l", selector, "--sort-by=.metadata.creationTimestamp").names());
        // kubectl asks for whole objects (includeObject=Object) to sort a server-side table by a spec field.
        assertEquals(List.of(byCreation.get(2), byCreation.get(0), byCreation.get(1)),
                ADMIN.table("-l", selector, "--sort-by=.spec.signerName").names());
    }

    @Test
    void fieldSelectorsOnNameSignerAndConditions() {
        assertEquals(List.of(issued), ADMIN.table("--field-selector", "metadata.name=" + issued).names());
        assertEquals(Set.of(approved), fieldSelected("spec.signerName=" + UNSERVED_SIGNER));
        assertEquals(Set.of(approved), fieldSelected("spec.signerName!=" + SignerNames.KUBE_APISERVER_CLIENT));
        assertEquals(Set.of(issued), fieldSelected("metadata.name=" + issued + ",spec.signerName="
                + SignerNames.KUBE_APISERVER_CLIENT));

        assertEquals(Set.of(denied), fieldSelected("status.conditions[*].type=Denied"));
        assertEquals(Set.of(approved, issued, failed), fieldSelected("status.conditions[*].type=Approved"));
        assertEquals(Set.of(failed), fieldSelected("status.conditions[*].type=Failed"));
        assertEquals(Set.of(pending, approved, issued, failed), fieldSelected("status.conditions[*].type!=Denied"));
        assertEquals(Set.of(pending, denied), fieldSelected("status.conditions[*].type!=Approved"));
    }

    @Test
    void watchPrintsChangesMadeAfterItStarted() {
        String watchBatch = Csrs.uniqueName("watch");
        String existing = createIn(watchBatch, Csrs.uniqueName("watched-existing"));
        String later = Csrs.uniqueName("watched-later");

        try (Command.Running watch = ADMIN.start("get", "csr", "-l", BATCH_LABEL + "=" + watchBatch, "-w")) {
            watch.awaitLine("the existing request listed", line -> cells(line).getFirst().equals(existing));

            createIn(watchBatch, later);
            watch.awaitLine(later + " as Pending", line -> cells(line).getFirst().equals(later)
                    && cells(line).getLast().equals("Pending"));
            ADMIN.approve(later);
            watch.awaitLine(later + " approved", line -> cells(line).getFirst().equals(later)
                    && cells(line).getLast().startsWith("Approved"));
            watch.awaitLine(later + " issued", line -> cells(line).getFirst().equals(later)
                    && cells(line).getLast().equals("Approved,Issued"));
        }
    }

    private static String create(String prefix, String signerName, List<String> usages, String team) {
        String name = Csrs.uniqueName(prefix);
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=" + prefix + "/O=dev-team").requestPem();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BATCH_LABEL, batch);
        if (team != null) {
            labels.put(TEAM_LABEL, team);
        }
        ADMIN.create(Csrs.Manifest.of(name, requestPem, signerName, usages).withLabels(labels).yaml());
        return name;
    }

    private static String createIn(String watchBatch, String name) {
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=walt/O=dev-team").requestPem();
        ADMIN.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .withLabels(Map.of(BATCH_LABEL, watchBatch)).yaml());
        return name;
    }

    private static String inBatch() {
        return BATCH_LABEL + "=" + batch;
    }

    private static Set<String> selected(String labelSelector) {
        return Set.copyOf(ADMIN.table("-l", labelSelector).names());
    }

    private static Set<String> fieldSelected(String fieldSelector) {
        return Set.copyOf(ADMIN.table("-l", inBatch(), "--field-selector", fieldSelector).names());
    }

    private static Set<String> namesOf(JsonNode list) {
        Set<String> names = new TreeSet<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }

    /** The cells of a table row printed by a watch; no cell of the standard columns holds a space. */
    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }
}
