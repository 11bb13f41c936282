package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;

/**
 * The audit stream proves itself: {@code ./certpipe audit verify}, reading the lifecycle topic as an auditor, finds a
 * cluster's events all signed by intake-service and chained without a hole; a copy of one of them with an altered
 * value, produced with the original's headers, is named as the first break. It checks cluster {@code tenant-b}:
 * other tests put forged, replayed and poison records in the default cluster's stream on purpose, which are breaks the
 * verifier must report, while tenant-b gets only what intake publishes — until this test tampers with it, after its
 * clean verification (no other test verifies tenant-b).
 */
class AuditChainIT {

    private static final String CLUSTER = AuthorizationIT.OTHER_CLUSTER;
    private static final Pattern COUNTS = Pattern.compile("cluster " + CLUSTER
            + ": (\\d+) events, (\\d+) requests, (\\d+) issued, 0 gaps, 0 bad signatures, \\d+ duplicates, "
            + "0 unchained; chain at event (\\d+)");

    @TempDir
    static Path work;

    private final Kubectl tenant = new Kubectl(Stack.home().resolve("kubeconfig-" + CLUSTER));

    @Test
    void verifiesTheChainOfAClusterAndNamesATamperedRecord() {
        String issuedName = Csrs.uniqueName("chained-issued");
        String deniedName = Csrs.uniqueName("chained-denied");
        for (String name : new String[] {issuedName, deniedName}) {
            Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=" + name + "/O=dev-team");
            tenant.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                    Csrs.CLIENT_USAGES).yaml());
        }
        tenant.approve(issuedName);
        tenant.deny(deniedName);
        Csrs.awaitCertificate(tenant, issuedName);
        String issuedUid = tenant.get(issuedName).path("metadata").path("uid").asText();
        String deniedUid = tenant.get(deniedName).path("metadata").path("uid").asText();
        KafkaTopics.awaitEvents(EventType.ISSUED, issuedUid, 1);
        KafkaTopics.awaitEvents(EventType.DENIED, deniedUid, 1);

        Command.Result intact = Stack.certpipe("audit", "verify", "--cluster", CLUSTER);

        Matcher counts = COUNTS.matcher(intact.stdout());
        assertTrue(counts.find(), intact.stdout());
        assertTrue(Long.parseLong(counts.group(1)) >= 5, "created twice, approved, issued, denied: " + intact.stdout());
        assertTrue(Long.parseLong(counts.group(2)) >= 2, intact.stdout());
        assertTrue(Long.parseLong(counts.group(3)) >= 1, intact.stdout());
        assertEquals(counts.group(1), counts.group(4), "every event is a link: " + intact.stdout());
        assertTrue(intact.stdout().contains("intact: every event is signed by intake-service"), intact.stdout());

        ConsumerRecord<String, String> approved = KafkaTopics.record(Topics.LIFECYCLE, EventType.APPROVED, issuedUid);
        String altered = approved.value().replace("\"subject\":\"" + issuedName + "\"",
                "\"subject\":\"" + issuedName + "-renamed\"");
        KafkaTopics.send(Topics.LIFECYCLE, approved.partition(), approved.key(), altered, approved.headers());
        ConsumerRecord<String, String> tampered = KafkaTopics.readAll(Topics.LIFECYCLE).stream()
                .filter(record -> record.value().equals(altered))
                .findFirst()
                .orElseThrow();
        Path auditor = Path.of(Stack.certpipe("auditor", "add", "audit-chain-it").stdout().strip()
                .lines().reduce((first, last) -> last).orElseThrow());
        try {
            Command.Result broken = Stack.runCertpipe("audit", "verify", "--cluster", CLUSTER,
                    "--consumer-config", auditor.toString());

            assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
            String firstBreak = "the first: " + Topics.LIFECYCLE + " partition " + tampered.partition() + " offset "
                    + tampered.offset() + " event " + EventCodec.decode(approved.value()).id() + ": bad-signature";
            assertTrue(broken.stdout().contains(firstBreak), "expected «" + firstBreak + "» in\n" + broken.stdout());
            assertTrue(broken.stdout().contains("1 bad signatures"), broken.stdout());
        } finally {
            Stack.certpipe("auditor", "remove", "audit-chain-it");
        }
        // The services park the tampered copy at once; let them, so no later test counts it among its own.
        for (String service : new String[] {Topics.APPROVAL_SERVICE, Topics.SIGNING_SERVICE, Topics.GC_SERVICE}) {
            KafkaTopics.awaitConsumed(service, Topics.LIFECYCLE);
        }
    }
}
