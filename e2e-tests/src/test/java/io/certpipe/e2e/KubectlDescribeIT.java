package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.Topics;

/**
 * {@code kubectl describe csr}: kubectl decodes the request itself, and its {@code Events:} section (core v1 Events
 * about the request) tells the request's history — who created it, who or which policy decided and why, which CA
 * signed it with which serial, why signing failed.
 */
class KubectlDescribeIT {

    private static final String ADMIN = "certpipe-admin";

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void describeDecodesTheRequestAndNamesWhoCreatedIt() {
        String name = Csrs.uniqueName("described");
        Path key = Openssl.newKey(work.resolve(name + ".key"));
        String requestPem = Openssl.newRequest(key, "/CN=dora/O=dev-team", List.of("dora.example.com"));
        admin.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .withLabels(Map.of("team", "blue")).yaml());

        String description = describe(name);
        assertEquals(name, field(description, "Name"));
        assertEquals("team=blue", field(description, "Labels"));
        assertEquals(ADMIN, field(description, "Requesting User"));
        assertEquals(SignerNames.KUBE_APISERVER_CLIENT, field(description, "Signer"));
        assertEquals("24h", field(description, "Requested Duration"));
        assertEquals("Pending", field(description, "Status"));
        assertEquals("dora", field(description, "Common Name"));
        assertEquals("dev-team", field(description, "Organization"));
        assertEquals("dora.example.com", field(description, "DNS Names"));

        String created = event(description, "the creation", row -> "Created".equals(row.get("REASON")));
        assertTrue(created.contains(ADMIN), "who created it: " + created);
    }

    @Test
    void describeTellsTheHistoryOfAnIssuedRequest() throws Exception {
        String name = Csrs.uniqueName("history");
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=hugo/O=dev-team").requestPem();
        admin.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .yaml());
        // Events carry whole seconds: a second later, the approval sorts after the creation.
        Thread.sleep(1_100);
        admin.approve(name);
        X509Certificate certificate = parse(Csrs.awaitCertificate(admin, name));
        String uid = admin.get(name).path("metadata").path("uid").asText();
        SignedData signed = (SignedData) KafkaTopics.awaitEvents(EventType.SIGNED, uid, 1).getFirst().data();

        String description = describe(name);
        assertEquals("Approved,Issued", field(description, "Status"));
        List<String> events = events(description).stream().map(KubectlDescribeIT::text).toList();
        int createdAt = indexOf(events, "the creation", row -> row.contains("Created") && row.contains(ADMIN));
        int approvedAt = indexOf(events, "the approval", row -> row.contains(KubectlApprovalIT.APPROVE_MESSAGE));
        String approval = events.get(approvedAt);
        assertTrue(approval.contains("KubectlApprove") && approval.contains(ADMIN),
                "the approval's reason and who approved: " + approval);
        String serial = certificate.getSerialNumber().toString(16);
        int issuedAt = indexOf(events, "the issuance with serial " + serial,
                row -> row.replace(":", "").toLowerCase(Locale.ROOT).contains(serial));
        String issuance = events.get(issuedAt);
        String caName = commonName(certificate.getIssuerX500Principal().getName());
        assertTrue(issuance.contains(caName) || issuance.toLowerCase(Locale.ROOT).contains(signed.caKeyId()),
                "which CA signed (" + caName + " or key " + signed.caKeyId() + "): " + issuance);
        assertTrue(createdAt < approvedAt && createdAt < issuedAt, "oldest first: " + events);
    }

    @Test
    void describeNamesThePolicyThatApproved() {
        Identities.Identity node = Identities.bootstrapNode(work);
        String name = Csrs.uniqueName("node-renewal");
        Openssl.KeyAndRequest renewal = Openssl.newKeyAndRequest(work, name, Identities.NODE_SUBJECT);
        node.kubectl().create(Csrs.Manifest.of(name, renewal.requestPem(),
                SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Csrs.KUBELET_CLIENT_USAGES).yaml());
        Csrs.awaitCertificate(admin, name);
        String uid = admin.get(name).path("metadata").path("uid").asText();
        CloudEvent decision = KafkaTopics.awaitEvents(EventType.DECIDED, uid, 1).getFirst();
        DecisionData decided = (DecisionData) decision.data();

        String description = describe(name);
        String created = event(description, "the creation", row -> "Created".equals(row.get("REASON")));
        assertTrue(created.contains(Identities.NODE), "the node created it: " + created);
        String approval = event(description, "the approval by policy",
                row -> text(row).contains(decided.reason()) && text(row).contains(decided.actor().username()));
        assertTrue(approval.contains(decided.message()), "the policy's message: " + approval);
    }

    @Test
    void describeTellsWhyNoPolicyDecidedARequestThatWaitsForAHuman() {
        String name = Csrs.uniqueName("waiting-described");
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=wanda/O=dev-team").requestPem();
        admin.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .yaml());
        String uid = admin.get(name).path("metadata").path("uid").asText();
        DecisionData deferral = (DecisionData) KafkaTopics.awaitEvents(EventType.DECIDED, uid, 1).getFirst().data();
        assertEquals(DecisionData.Verdict.DEFER, deferral.verdict(), deferral.toString());

        String waiting = Poll.until("the deferral among the Events of " + name, () -> events(describe(name)).stream()
                .filter(row -> deferral.reason().equals(row.get("REASON")))
                .map(KubectlDescribeIT::text)
                .findFirst());
        assertEquals("Pending", field(describe(name), "Status"));
        assertTrue(waiting.contains(Topics.APPROVAL_SERVICE) && waiting.contains(deferral.message()),
                "from approval-service, saying why no policy decided: " + waiting);
    }

    @Test
    void describeTellsWhoDeniedARequest() {
        String name = Csrs.uniqueName("denied-described");
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=dennis/O=dev-team").requestPem();
        admin.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .yaml());
        admin.deny(name);

        String description = describe(name);
        assertEquals("Denied", field(description, "Status"));
        String denial = event(description, "the denial",
                row -> text(row).contains(KubectlApprovalIT.DENY_MESSAGE));
        assertTrue(denial.contains("KubectlDeny") && denial.contains(ADMIN), "reason and who denied: " + denial);
    }

    @Test
    void describeTellsWhySigningFailed() {
        String name = Csrs.uniqueName("failed-described");
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=fiona/O=dev-team").requestPem();
        admin.create(Csrs.Manifest.of(name, requestPem, SignerNames.KUBE_APISERVER_CLIENT,
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH)).yaml());
        admin.approve(name);
        JsonNode failure = Csrs.awaitCondition(admin, name, CsrCondition.FAILED);

        String description = describe(name);
        assertEquals("Approved,Failed", field(description, "Status"));
        String failed = event(description, "the failure",
                row -> text(row).contains(failure.path("message").asText()));
        assertTrue(failed.contains(failure.path("reason").asText()), "why, as the Failed condition says: " + failed);
    }

    private String describe(String name) {
        return admin.run("describe", "csr", name).requireSuccess("kubectl describe csr " + name).stdout();
    }

    /** The value kubectl printed after {@code label:} on a line of its own. */
    private static String field(String description, String label) {
        Matcher value = Pattern.compile("^\\s*" + Pattern.quote(label) + ":[ \\t]*(.*)$", Pattern.MULTILINE)
                .matcher(description);
        assertTrue(value.find(), "no " + label + " in:\n" + description);
        return value.group(1).trim();
    }

    /**
     * The rows under {@code Events:}, keyed by upper-case column name (TYPE, REASON, AGE, FROM, MESSAGE); none when
     * kubectl printed {@code Events: <none>}.
     */
    private static List<Map<String, String>> events(String description) {
        List<String> lines = description.lines().toList();
        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("Events:")).findFirst()
                .orElseThrow(() -> new AssertionError("no Events section in:\n" + description)));
        if (lines.get(header).contains("<none>")) {
            return List.of();
        }
        String table = String.join("\n", lines.subList(header + 1, lines.size()).stream()
                .filter(line -> !line.trim().startsWith("----"))
                .toList());
        return Kubectl.PrintedTable.parse(table).rows().stream()
                .map(row -> {
                    Map<String, String> upper = new LinkedHashMap<>();
                    row.forEach((column, cell) -> upper.put(column.toUpperCase(Locale.ROOT), cell));
                    return upper;
                })
                .toList();
    }

    /** The one event row matching {@code row}, as text. */
    private static String event(String description, String what, Predicate<Map<String, String>> row) {
        List<Map<String, String>> rows = events(description);
        return rows.stream().filter(row).findFirst().map(KubectlDescribeIT::text)
                .orElseThrow(() -> new AssertionError("no event for " + what + " in:\n" + description));
    }

    private static int indexOf(List<String> events, String what, Predicate<String> row) {
        for (int i = 0; i < events.size(); i++) {
            if (row.test(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no event for " + what + " in " + events);
    }

    private static String text(Map<String, String> row) {
        return String.join("  ", row.values());
    }

    private static String commonName(String distinguishedName) throws Exception {
        for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                return rdn.getValue().toString();
            }
        }
        throw new AssertionError("no CN in " + distinguishedName);
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
