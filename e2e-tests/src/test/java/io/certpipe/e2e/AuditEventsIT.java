package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;

/** {@code ./certpipe events}: the audit stream answers who did what to a request, and when. */
class AuditEventsIT {

    private static final Set<String> ACTOR_KINDS = Set.of("user", "policy", "service");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @Test
    void eventsCommandPrintsTheRequestsHistoryAsCloudEvents() throws JsonProcessingException {
        Kubectl admin = Kubectl.admin();
        String name = Csrs.uniqueName("audited");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=judy/O=dev-team");
        admin.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        admin.approve(name);
        Csrs.awaitCertificate(admin, name);
        String uid = admin.get(name).path("metadata").path("uid").asText();
        KafkaTopics.awaitEvents(EventType.ISSUED, uid, 1);

        String printed = Stack.certpipe("events").stdout();
        List<JsonNode> aboutRequest = new ArrayList<>();
        for (String line : printed.lines().filter(line -> line.contains(uid)).toList()) {
            JsonNode event = JSON.readTree(line);
            assertTrue(event.isObject(), "one JSON object per line: " + line);
            aboutRequest.add(event);
        }
        List<String> types = aboutRequest.stream().map(event -> event.path("type").asText()).toList();
        assertInOrder(types, EventType.CREATED, EventType.APPROVED, EventType.ISSUED);

        for (JsonNode event : aboutRequest) {
            assertEquals(CloudEvent.SPEC_VERSION, event.path("specversion").asText(), event.toString());
            assertTrue(event.path("type").asText().matches("io\\.certpipe\\.csr\\.[a-z-]+\\.v1"), event.toString());
            assertFalse(event.path("id").asText().isBlank(), event.toString());
            assertFalse(event.path("time").asText().isBlank(), event.toString());
            assertTrue(event.path("source").asText().startsWith("/certpipe/"), event.toString());
            assertEquals(name, event.path("subject").asText(), event.toString());
            assertEquals(Stack.CLUSTER, event.path("cluster").asText(), event.toString());
            assertEquals(uid, event.path("csruid").asText(), event.toString());
            assertTrue(ACTOR_KINDS.contains(event.path("data").path("actor").path("kind").asText()), event.toString());
            EventCodec.decode(event.toString());
        }

        JsonNode approval = aboutRequest.get(types.indexOf(EventType.APPROVED.type()));
        JsonNode approver = approval.path("data").path("actor");
        assertEquals("user", approver.path("kind").asText(), approval.toString());
        assertEquals("certpipe-admin", approver.path("username").asText(), approval.toString());
        assertTrue(StreamSupport.stream(approver.path("groups").spliterator(), false)
                .anyMatch(group -> group.asText().equals("system:masters")), approval.toString());
    }

    private static void assertInOrder(List<String> types, EventType... expected) {
        int from = 0;
        for (EventType type : expected) {
            int at = types.subList(from, types.size()).indexOf(type.type());
            assertTrue(at >= 0, type.type() + " after the events before it, in " + types);
            from += at + 1;
        }
    }
}
