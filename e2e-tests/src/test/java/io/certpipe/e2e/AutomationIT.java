package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.client.AutomationClient;
import io.certpipe.automation.client.CsrObjectBuilder;
import io.certpipe.automation.client.Issued;
import io.certpipe.automation.client.RequestRejectedException;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.Topics;

/**
 * The asynchronous API as automation uses it (docs/automation.md): a client added with {@code ./certpipe automation
 * add} puts requests on its topic with a stock Kafka client and reads its replies on its own, through the real
 * broker with its ACLs and the real pipeline.
 */
class AutomationIT {

    /** The local stack approves what automation clients ask of this signer without a human. */
    private static final String AUTO_APPROVED_SIGNER = "example.com/serving";
    private static final List<String> SERVING_USAGES = List.of(KeyUsages.DIGITAL_SIGNATURE,
            KeyUsages.KEY_ENCIPHERMENT, KeyUsages.SERVER_AUTH);
    private static final Duration ISSUED_WITHIN = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static AutomationClients.Client client;

    @BeforeAll
    static void addClient() {
        client = AutomationClients.add("automation-it");
    }

    @AfterAll
    static void removeClient() {
        AutomationClients.remove(client.name());
    }

    @Test
    void anAutoApprovedRequestIsIssuedOverKafkaAndItsLifecycleNamesTheClient() throws Exception {
        ObjectNode csr = servingRequest("auto");
        Issued issued;
        try (AutomationClient automation = client.open()) {
            issued = automation.submit("default", csr, ISSUED_WITHIN).toCompletableFuture()
                    .get(ISSUED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        Path certificate = Files.writeString(work.resolve(issued.name() + ".crt"), issued.certificate());
        Path caBundle = Files.writeString(work.resolve(issued.name() + "-ca.crt"), issued.caBundle());
        assertTrue(Openssl.verify(caBundle, certificate).succeeded(), "issued under the signer's CA bundle");
        assertTrue(Openssl.text(certificate).contains("DNS:auto-"), Openssl.text(certificate));

        CloudEvent created = KafkaTopics.awaitEvents(EventType.CREATED, issued.uid(), 1).get(0);
        String user = AutomationContract.kubernetesUser(client.name());
        assertEquals(user, ((LifecycleData) created.data()).actor().username());
        JsonNode stored = Kubectl.admin().get(issued.name());
        assertEquals(user, stored.path("spec").path("username").asText());
        assertTrue(Metrics.sum(Stack.intakeMetrics(), "certpipe_automation_replies_total",
                Set.of("client=\"" + client.name() + "\"", "type=\"issued\"")) >= 1);
    }

    @Test
    void aHumanApprovesWithKubectlWhileTheClientWaits() throws Exception {
        String name = Csrs.uniqueName("automation-human");
        ObjectNode csr = CsrObjectBuilder.forPem(Openssl.newKeyAndRequest(work, name, "/CN=" + name).requestPem(),
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).name(name).build();
        List<String> seen = new ArrayList<>();
        try (AutomationClient automation = client.open()) {
            CompletableFuture<Issued> waiting = automation.submit(UUID.randomUUID().toString(), "default", csr,
                    Duration.ofMinutes(2), reply -> seen.add(reply.type().name())).toCompletableFuture();
            Poll.until("the request to be stored", () -> Kubectl.admin().find(name));
            assertTrue(!waiting.isDone(), "no human has approved yet");
            Kubectl.admin().approve(name);
            Issued issued = waiting.get(ISSUED_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertEquals(name, issued.name());
        }
        assertEquals(List.of("ACCEPTED", "APPROVED", "ISSUED"), seen);
    }

    /** A record a client should not have sent, under its own requestId, and the Status code it is refused with. */
    private record BadInput(String requestId, String value, int code) {

        static BadInput of(String kind, int code, java.util.function.Function<String, String> recordFor) {
            String requestId = id(kind);
            return new BadInput(requestId, recordFor.apply(requestId), code);
        }
    }

    @Test
    void everyBadInputGetsTheStatusTheApiWouldAnswerAndTheConsumerGoesOn() {
        ObjectNode unknownField = servingRequest("unknown-field");
        ((ObjectNode) unknownField.path("spec")).put("colour", "blue");
        ObjectNode badPkcs10 = servingRequest("bad-pkcs10");
        ((ObjectNode) badPkcs10.path("spec")).put("request", Base64.getEncoder().encodeToString(
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n".getBytes()));
        ObjectNode otherUser = servingRequest("other-user");
        ((ObjectNode) otherUser.path("spec")).put("username", "system:admin");
        List<BadInput> inputs = List.of(
                BadInput.of("not-json", 400, requestId -> "{this is not json"),
                BadInput.of("not-cloudevent", 400, requestId -> "{\"requestId\": \"" + requestId + "\"}"),
                BadInput.of("unknown-type", 400, requestId -> AutomationClients.request(requestId, "default",
                        servingRequest("type")).replace(AutomationContract.REQUESTED_TYPE, "io.example.unknown.v1")),
                BadInput.of("bad-pkcs10", 422, requestId -> AutomationClients.request(requestId, "default",
                        badPkcs10)),
                BadInput.of("oversized", 413, requestId -> "{\"pad\": \"" + "x".repeat(300 * 1024) + "\"}"),
                BadInput.of("unknown-cluster", 404, requestId -> AutomationClients.request(requestId,
                        "no-such-cluster", servingRequest("no-cluster"))),
                BadInput.of("unknown-field", 400, requestId -> AutomationClients.request(requestId, "default",
                        unknownField)),
                BadInput.of("other-user", 403, requestId -> AutomationClients.request(requestId, "default",
                        otherUser)),
                BadInput.of("other-client", 403, requestId -> AutomationClients.request(requestId, "default",
                        servingRequest("source")).replace("\"/e2e/automation\"",
                                "\"certpipe:automation:someone-else\"")));
        inputs.forEach(input -> client.send(input.requestId(), input.value()));
        String afterThem = id("valid-after");
        client.send(afterThem, AutomationClients.request(afterThem, "default", servingRequest("valid")));

        for (BadInput input : inputs) {
            JsonNode status = client.awaitReply(input.requestId(), "rejected").path("data").path("status");
            assertEquals(input.code(), status.path("code").asInt(), input.requestId() + ": " + status);
            assertEquals("Status", status.path("kind").asText(), status.toString());
            assertEquals("Failure", status.path("status").asText(), status.toString());
            assertTrue(!status.path("message").asText().isEmpty(), status.toString());
        }
        client.awaitReply(afterThem, "accepted");
        assertTrue(Metrics.sum(Stack.intakeMetrics(), "certpipe_automation_rejections_total",
                Set.of("client=\"" + client.name() + "\"")) >= inputs.size());
    }

    @Test
    void theSameRequestIdGetsTheSameRequestsRepliesAndAnotherBodyIsAConflict() {
        String requestId = id("again");
        String request = AutomationClients.request(requestId, "default", servingRequest("again"));
        client.send(requestId, request);
        JsonNode issued = client.awaitReply(requestId, "issued");
        client.send(requestId, request);
        Poll.until("the replies sent again", () -> client.replies(requestId).stream()
                .filter(reply -> reply.path("type").asText().endsWith(".issued.v1")).count() == 2
                ? Optional.of(true) : Optional.empty());
        Set<String> uids = client.replies(requestId).stream()
                .filter(reply -> !reply.path("type").asText().endsWith(".rejected.v1"))
                .map(reply -> reply.path("data").path("uid").asText()).collect(Collectors.toSet());
        assertEquals(Set.of(issued.path("data").path("uid").asText()), uids, "one request, whatever was sent twice");

        client.send(requestId, AutomationClients.request(requestId, "default", servingRequest("different")));
        JsonNode conflict = client.awaitReply(requestId, "rejected").path("data").path("status");
        assertEquals(409, conflict.path("code").asInt(), conflict.toString());
        assertEquals("Conflict", conflict.path("reason").asText(), conflict.toString());
    }

    @Test
    void aClusterWhoseRbacDoesNotBindTheClientRefusesItsRequests() throws Exception {
        try (AutomationClient automation = client.open()) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> automation
                    .submit("tenant-b", servingRequest("other-tenant"), ISSUED_WITHIN).toCompletableFuture()
                    .get(ISSUED_WITHIN.toSeconds(), TimeUnit.SECONDS));
            RequestRejectedException rejected = assertInstanceOf(RequestRejectedException.class, refused.getCause());
            assertEquals(403, rejected.code());
            assertTrue(rejected.statusMessage().contains(AutomationContract.kubernetesUser(client.name())),
                    rejected.statusMessage());
        }
    }

    @Test
    void oneClientCanNeitherReadAnothersRepliesNorWriteItsRequests() {
        AutomationClients.Client other = AutomationClients.add("automation-it-other");
        try {
            Properties reader = other.properties();
            reader.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            reader.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(reader)) {
                consumer.subscribe(List.of(AutomationContract.repliesTopic(client.name())));
                assertThrows(AuthorizationException.class, () -> {
                    for (int polls = 0; polls < 40; polls++) {
                        consumer.poll(Duration.ofMillis(500));
                    }
                });
            }
            BusRefusals.assertRefusedToProduce(other.properties(), AutomationContract.requestsTopic(client.name()));
        } finally {
            AutomationClients.remove(other.name());
        }
    }

    @Test
    void aRemovedClientsCertificateOpensNothing() {
        AutomationClients.Client removed = AutomationClients.add("automation-it-removed");
        Properties kept = BusRefusals.keptCopy(removed.configuration());
        AutomationClients.remove(removed.name());
        BusRefusals.assertRefusedToProduce(kept, AutomationContract.requestsTopic(removed.name()));
        assertTrue(Kubectl.admin().run("get", "clusterrolebinding", AutomationContract.bindingName(removed.name()))
                .stderr().contains("NotFound"));
    }

    @Test
    void aDeletedReplyTopicLosesItsRepliesAndHoldsUpNothingElse() throws Exception {
        AutomationClients.Client deleted = AutomationClients.add("automation-it-deleted");
        try {
            try (Admin admin = Admin.create(Stack.busAdmin())) {
                admin.deleteTopics(List.of(AutomationContract.repliesTopic(deleted.name()))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            String lost = id("lost");
            deleted.send(lost, AutomationClients.request(lost, "default", servingRequest("lost")));
            Poll.until("intake to drop the reply it cannot deliver", () -> Metrics.sum(Stack.intakeMetrics(),
                    "certpipe_outbox_dropped_total", Set.of("topic=\"" + AutomationContract.repliesTopic(
                            deleted.name()) + "\"")) >= 1 ? Optional.of(true) : Optional.empty());
            String after = id("after");
            client.send(after, AutomationClients.request(after, "default", servingRequest("after")));
            client.awaitReply(after, "issued");
        } finally {
            AutomationClients.remove(deleted.name());
        }
    }

    @Test
    void intakeKilledMidwayLosesNoReplyAndMakesEachRequestOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String requestId = "crash-" + run + "-" + i;
            requestIds.add(requestId);
            client.send(requestId, AutomationClients.request(requestId, "default", servingRequest("crash" + i)));
            if (i == 8) {
                Stack.kill(Topics.INTAKE_SERVICE);
            }
        }
        Stack.certpipe("up", "--no-build");
        for (String requestId : requestIds) {
            client.awaitReply(requestId, "issued");
            Map<String, List<JsonNode>> byType = client.replies(requestId).stream()
                    .collect(Collectors.groupingBy(reply -> reply.path("type").asText()));
            assertEquals(Set.of("io.certpipe.automation.csr.accepted.v1", "io.certpipe.automation.csr.approved.v1",
                    "io.certpipe.automation.csr.issued.v1"), byType.keySet(), requestId);
            byType.forEach((type, replies) -> assertEquals(1, replies.stream()
                    .map(reply -> reply.path("id").asText()).distinct().count(), requestId + ": " + type
                    + " was sent as more than one reply"));
            assertEquals(1, replies(requestId).stream().map(reply -> reply.path("data").path("uid").asText())
                    .distinct().count(), requestId + " made more than one request");
        }
    }

    private static List<JsonNode> replies(String requestId) {
        return client.replies(requestId);
    }

    /** A request for a serving certificate for {@code <label>.example.com}, which the local stack auto-approves. */
    private static ObjectNode servingRequest(String label) {
        String host = label + "-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        Path key = Openssl.newKey(work.resolve(host + ".key"));
        return CsrObjectBuilder.forPem(Openssl.newRequest(key, "/CN=" + host, List.of(host)), AUTO_APPROVED_SIGNER,
                SERVING_USAGES).build();
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
