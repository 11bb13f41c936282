package io.certpipe.automation.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.ReplyType;

class AutomationClientTest {

    private static final String CLIENT = "ci";
    private static final String CLUSTER = Replies.CLUSTER;
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30Z");
    private static final Duration NO_TIMEOUT_IN_THIS_TEST = Duration.ofMinutes(5);
    private static final long AWAIT_SECONDS = 10;
    private static final ObjectNode CSR = CsrObjectBuilder.forPem("""
            -----BEGIN CERTIFICATE REQUEST-----
            MIIBtest
            -----END CERTIFICATE REQUEST-----
            """, "example.com/serving", List.of("digital signature", "server auth")).build();

    /** Sends stay in flight until a test completes or fails them, as a broker would answer later. */
    private final MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
            new StringSerializer());
    private final ReplyTopic replyTopic = new ReplyTopic(CLIENT, 5, 0, 7);
    private AutomationClient client;

    @BeforeEach
    void openClient() {
        client = new AutomationClient(CLIENT, producer, replyTopic.consumer(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void sendsTheRequestAsAStructuredCloudEventOnItsOwnTopicKeyedByRequestId() throws Exception {
        client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        var record = producer.history().getFirst();
        assertEquals("certpipe.automation.requests.v1.ci", record.topic());
        assertEquals("build-4711", record.key());
        assertEquals(AutomationContract.CONTENT_TYPE, new String(
                record.headers().lastHeader("content-type").value(), StandardCharsets.US_ASCII));
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals(AutomationContract.REQUESTED_TYPE, event.path("type").asText());
        assertEquals("certpipe:automation:ci", event.path("source").asText());
        assertEquals(NOW.toString(), event.path("time").asText());
        assertEquals("application/json", event.path("datacontenttype").asText());
        assertDoesNotThrow(() -> UUID.fromString(event.path("id").asText()));
        assertEquals("build-4711", event.path("data").path("requestId").asText());
        assertEquals(CLUSTER, event.path("data").path("cluster").asText());
        assertEquals(CSR, event.path("data").path("object"));
    }

    @Test
    void givesEveryEventAndEveryUnnamedRequestItsOwnId() throws Exception {
        client.submit(CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);
        client.submit(CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        var first = producer.history().get(0);
        var second = producer.history().get(1);
        assertNotEquals(first.key(), second.key());
        assertNotEquals(eventId(first.value()), eventId(second.value()));
    }

    @Test
    void readsEveryPartitionOfItsReplyTopicFromTheEndItFoundAtStart() {
        assertEquals(Set.copyOf(replyTopic.partitions()), replyTopic.consumer().assignment());
        assertEquals(5, replyTopic.consumer().position(replyTopic.partitions().get(0)));
        assertEquals(0, replyTopic.consumer().position(replyTopic.partitions().get(1)));
        assertEquals(7, replyTopic.consumer().position(replyTopic.partitions().get(2)));
    }

    @Test
    void completesWithTheCertificateWhenIssuedAndReportsEveryReplyOnTheWay() throws Exception {
        var seen = new CopyOnWriteArrayList<ReplyType>();
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST,
                reply -> seen.add(reply.type()));

        replyTopic.publish("build-4711", Replies.accepted("build-4711"));
        replyTopic.publish("build-4711", Replies.approved("build-4711"));
        replyTopic.publish("build-4711", Replies.issued("build-4711"));

        var issued = await(result);
        assertEquals("build-4711", issued.requestId());
        assertEquals(CLUSTER, issued.cluster());
        assertEquals(Replies.NAME, issued.name());
        assertEquals(Replies.UID, issued.uid());
        assertEquals(Replies.CERTIFICATE, issued.certificate());
        assertEquals(Replies.CA_BUNDLE, issued.caBundle());
        assertEquals(Replies.CERTIFICATE, issued.object().path("status").path("certificate").asText());
        assertEquals(List.of(ReplyType.ACCEPTED, ReplyType.APPROVED, ReplyType.ISSUED), seen);
        assertEquals(0, client.pending());
    }

    @Test
    void failsWithTheKubernetesStatusWhenRejected() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        replyTopic.publish("build-4711", Replies.rejectedAsInvalid("build-4711"));

        var rejected = assertInstanceOf(RequestRejectedException.class, failureOf(result));
        assertEquals(422, rejected.code());
        assertEquals("Invalid", rejected.reason());
        assertTrue(rejected.statusMessage().contains("spec.usages: Required value"), rejected.statusMessage());
        assertEquals("spec.usages", rejected.status().path("details").path("causes").path(0).path("field").asText());
        assertTrue(rejected.getMessage().contains("422 Invalid"), rejected.getMessage());
        assertEquals("build-4711", rejected.requestId());
    }

    @Test
    void failsWithTheReasonWhenDenied() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        replyTopic.publish("build-4711", Replies.accepted("build-4711"));
        replyTopic.publish("build-4711", Replies.withCondition(ReplyType.DENIED, "build-4711", "PolicyDenied",
                "example.com/serving issues no certificate for db.internal"));

        var denied = assertInstanceOf(RequestDeniedException.class, failureOf(result));
        assertEquals("PolicyDenied", denied.reason());
        assertTrue(denied.getMessage().contains("no certificate for db.internal"), denied.getMessage());
        assertTrue(denied.getMessage().contains(Replies.NAME), denied.getMessage());
    }

    @Test
    void failsWithTheReasonWhenIssuanceFailed() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        replyTopic.publish("build-4711", Replies.approved("build-4711"));
        replyTopic.publish("build-4711", Replies.withCondition(ReplyType.FAILED, "build-4711", "SignerRefused",
                "the key is too short"));

        var failed = assertInstanceOf(IssuanceFailedException.class, failureOf(result));
        assertEquals("SignerRefused", failed.reason());
        assertTrue(failed.getMessage().contains("the key is too short"), failed.getMessage());
    }

    @Test
    void failsWhenTheRequestExpiresBeforeItIsIssued() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        replyTopic.publish("build-4711", Replies.withCondition(ReplyType.EXPIRED, "build-4711", "PendingTooLong",
                "nobody decided within 24h"));

        var gone = assertInstanceOf(RequestGoneException.class, failureOf(result));
        assertEquals(ReplyType.EXPIRED, gone.type());
        assertEquals("PendingTooLong", gone.reason());
    }

    @Test
    void ignoresRepliesToRequestsItIsNotWaitingFor() throws Exception {
        var seen = new CopyOnWriteArrayList<String>();
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST,
                reply -> seen.add(reply.requestId()));

        // On one partition, in this order: the reply to another request is read before the accepted one.
        replyTopic.publishAt(0, 5, "build-0815", Replies.issued("build-0815"));
        replyTopic.publishAt(0, 6, "build-4711", Replies.accepted("build-4711"));
        awaitUntil(() -> !seen.isEmpty());

        assertEquals(List.of("build-4711"), seen);
        assertFalse(result.toCompletableFuture().isDone());
        replyTopic.publish("build-4711", Replies.issued("build-4711"));
        assertEquals("build-4711", await(result).requestId());
    }

    @Test
    void skipsRecordsThatAreNoRepliesAndReadsOn() throws Exception {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        replyTopic.publish("build-4711", "not json");
        replyTopic.publish("build-4711", Replies.accepted("build-4711")
                .replace(ReplyType.ACCEPTED.type(), "io.certpipe.automation.csr.renamed.v1"));
        replyTopic.publish("build-4711", Replies.issued("build-4711"));

        assertEquals(Replies.CERTIFICATE, await(result).certificate());
    }

    @Test
    void doesNotReadRepliesFromBeforeItStarted() throws Exception {
        var seen = new CopyOnWriteArrayList<String>();
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST,
                reply -> seen.add(reply.id()));

        replyTopic.publishAt(2, 6, "build-4711", Replies.rejectedAsInvalid("build-4711"));
        replyTopic.publishAt(2, 7, "build-4711", Replies.issued("build-4711"));

        assertEquals(Replies.CERTIFICATE, await(result).certificate());
        assertEquals(1, seen.size());
    }

    @Test
    void aFailingListenerDoesNotKeepTheRequestFromCompleting() throws Exception {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST, reply -> {
            throw new IllegalStateException("the caller's bug");
        });

        replyTopic.publish("build-4711", Replies.accepted("build-4711"));
        replyTopic.publish("build-4711", Replies.issued("build-4711"));

        assertEquals(Replies.CERTIFICATE, await(result).certificate());
    }

    @Test
    void failsWhatWaitsAndRefusesMoreWhenItCanNoLongerReadReplies() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        var lost = new TopicAuthorizationException("not authorized to read");
        replyTopic.consumer().setPollException(lost);

        assertEquals(lost, failureOf(result));
        var refusal = assertThrows(IllegalStateException.class,
                () -> client.submit("build-4712", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST));
        assertEquals(lost, refusal.getCause());
    }

    @Test
    void stopsWaitingAfterItsTimeout() {
        var result = client.submit("build-4711", CLUSTER, CSR, Duration.ofMillis(50));

        var timeout = assertInstanceOf(TimeoutException.class, failureOf(result));
        assertTrue(timeout.getMessage().contains("build-4711"), timeout.getMessage());
        assertEquals(0, client.pending());
    }

    @Test
    void failsWhenTheRequestCannotBeSent() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        producer.errorNext(new TopicAuthorizationException("not authorized to write"));

        assertInstanceOf(TopicAuthorizationException.class, failureOf(result));
        assertEquals(0, client.pending());
    }

    @Test
    void closingFailsTheSubmissionsStillWaitingAndStopsReading() {
        var result = client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        client.close();

        assertThrows(CancellationException.class, () -> result.toCompletableFuture().get());
        assertEquals(0, client.pending());
        assertTrue(replyTopic.consumer().closed());
        assertTrue(producer.closed());
        assertThrows(IllegalStateException.class,
                () -> client.submit("build-4712", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST));
    }

    @Test
    void refusesARequestIdItIsAlreadyWaitingFor() {
        client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST);

        assertThrows(IllegalStateException.class,
                () -> client.submit("build-4711", CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST));
        assertEquals(1, producer.history().size());
    }

    @Test
    void refusesARequestIdLongerThanTheContractAllows() {
        var tooLong = "r".repeat(AutomationContract.MAX_REQUEST_ID_LENGTH + 1);

        assertThrows(IllegalArgumentException.class,
                () -> client.submit(tooLong, CLUSTER, CSR, NO_TIMEOUT_IN_THIS_TEST));
        assertTrue(producer.history().isEmpty());
        assertEquals(0, client.pending());
    }

    private static String eventId(String value) throws Exception {
        return new ObjectMapper().readTree(value).path("id").asText();
    }

    private static Issued await(CompletionStage<Issued> result) throws Exception {
        return result.toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletionStage<Issued> result) {
        var failure = assertThrows(ExecutionException.class,
                () -> result.toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS));
        return failure.getCause();
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the condition did not hold in time");
            Thread.sleep(5);
        }
    }
}
