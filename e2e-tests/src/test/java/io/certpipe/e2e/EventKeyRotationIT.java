package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventSignature;

/**
 * Key rotations on the running stack: the new key is published (API document and compacted topic) and signs at
 * once, with no restart, and nothing in flight is lost or refused; a retired key is published no more. Only
 * approval-service's old key is retired, so the lifecycle stream that other tests audit keeps verifying.
 */
class EventKeyRotationIT {

    private static final String SERVICE = Topics.APPROVAL_SERVICE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS_UNDER_ROTATION = 24;

    @TempDir
    static Path work;

    private static Identities.Identity node;

    @BeforeAll
    static void bootstrapNode() {
        node = Identities.bootstrapNode(work);
    }

    @Test
    void aRotatedKeySignsAtOnceAndARetiredKeyIsPublishedNoMore() {
        String before = onlyPublishedKey();
        Stack.certpipe("event-keys", "rotate", SERVICE);
        List<String> both = Poll.until("two published keys of " + SERVICE, () -> {
            List<String> keys = publishedKeys();
            return keys.size() == 2 ? Optional.of(keys) : Optional.empty();
        });
        String after = both.stream().filter(key -> !key.equals(before)).findFirst().orElseThrow();

        String uid = autoApprovedRequestUid();
        ConsumerRecord<String, String> decision = KafkaTopics.record(Topics.APPROVAL_DECISIONS, EventType.DECIDED,
                uid);
        assertEquals(after, KafkaTopics.header(decision, EventSignature.KEY_ID_HEADER),
                "the decision after the rotation is signed with the new key, and intake applied it");

        Stack.certpipe("event-keys", "retire", SERVICE, before);
        Poll.until("only " + after + " published through the API",
                () -> publishedKeys().equals(List.of(after)) ? Optional.of(true) : Optional.empty());
        Poll.until("only " + after + " on " + Topics.EVENT_SIGNING_KEYS, () -> {
            List<String> onTopic = latestKeysOnTopic();
            return onTopic.equals(List.of(after)) ? Optional.of(true) : Optional.empty();
        });
        assertNotEquals(before, after);
    }

    @Test
    void requestsInFlightDuringARotationAreAllIssuedOnce() throws Exception {
        double rejectedBefore = rejectedBySigning();
        Kubectl admin = Kubectl.admin();
        List<String> names = IntStream.range(0, REQUESTS_UNDER_ROTATION)
                .mapToObj(index -> Csrs.uniqueName("under-rotation-" + index))
                .toList();
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<?>> submitted = names.stream()
                    .map(name -> clients.submit(() -> {
                        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=" + name);
                        admin.create(Csrs.Manifest.of(name, request.requestPem(),
                                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).yaml());
                        admin.approve(name);
                    }))
                    .collect(Collectors.toList());
            // Both keys of the issuing path change while requests are created, approved and signed.
            Stack.certpipe("event-keys", "rotate", Topics.INTAKE_SERVICE);
            Stack.certpipe("event-keys", "rotate", Topics.SIGNING_SERVICE);
            for (Future<?> call : submitted) {
                call.get();
            }
        }
        for (String name : names) {
            Csrs.awaitCertificate(admin, name);
            String uid = admin.get(name).path("metadata").path("uid").asText();
            assertEquals(1, KafkaTopics.events(EventType.ISSUED, uid).size(), name + " issued exactly once");
        }
        assertEquals(rejectedBefore, rejectedBySigning(), "no record was refused during the rotation");
    }

    private static double rejectedBySigning() {
        return Metrics.sum(Stack.signingMetrics(), "certpipe_events_rejected_total", Set.of());
    }

    /** A kubelet's own client request, which approval-service approves: its decision is signed and applied. */
    private static String autoApprovedRequestUid() {
        String name = Csrs.uniqueName("rotation-node-client");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, Identities.NODE_SUBJECT);
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                Csrs.KUBELET_CLIENT_USAGES).yaml());
        Csrs.awaitCertificate(asNode, name);
        return asNode.get(name).path("metadata").path("uid").asText();
    }

    private static String onlyPublishedKey() {
        List<String> keys = publishedKeys();
        assertEquals(1, keys.size(), SERVICE + " publishes one key before the rotation: " + keys);
        return keys.get(0);
    }

    /** The key ids of {@link #SERVICE} in the API's {@code /event-signing-keys} document. */
    private static List<String> publishedKeys() {
        ApiClient.TextResponse answer = ApiClient.admin().getText("/event-signing-keys");
        assertEquals(200, answer.code(), answer.body());
        return StreamSupport.stream(read(answer.body()).path("services").spliterator(), false)
                .filter(service -> service.path("service").asText().equals(SERVICE))
                .flatMap(service -> keyIds(service).stream())
                .toList();
    }

    private static List<String> latestKeysOnTopic() {
        List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(Topics.EVENT_SIGNING_KEYS).stream()
                .filter(record -> SERVICE.equals(record.key()))
                .toList();
        return records.isEmpty() ? List.of() : keyIds(read(records.get(records.size() - 1).value()));
    }

    private static List<String> keyIds(JsonNode service) {
        return StreamSupport.stream(service.path("keys").spliterator(), false)
                .map(key -> key.path("keyId").asText())
                .sorted()
                .toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
