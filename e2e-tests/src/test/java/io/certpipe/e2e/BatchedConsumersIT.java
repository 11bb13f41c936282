package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;

/**
 * approval-service and gc-service apply each poll's batch of lifecycle events in one transaction. A backlog comes
 * back as large batches; poison among its records is parked alone, by each of them, and every request around it is
 * still decided exactly once and tracked. A consumer killed with SIGKILL while it works through a batch loses nothing
 * and decides nothing twice when it comes back.
 */
class BatchedConsumersIT {

    private static final String APPROVAL_SERVICE = "approval-service";
    private static final String GC_SERVICE = "gc-service";
    private static final String BATCH_SIZE_MAX = "certpipe_consumer_batch_size_records_max";
    private static final String DEAD_LETTERED = "certpipe_events_dead_lettered_total";
    private static final Set<String> LIFECYCLE_CHANNEL = Set.of("channel=\"lifecycle\"");
    private static final int REQUESTS = 60;
    private static final int IN_FLIGHT = 4;
    private static final Duration BACKLOG = Duration.ofMinutes(2);

    @TempDir
    static Path work;

    private final ApiClient admin = ApiClient.admin();

    @Test
    void aBacklogWithPoisonAmongItIsAppliedInBatchesEachRequestDecidedOnceAndOnlyThePoisonParked() {
        Stack.kill(APPROVAL_SERVICE);
        Stack.kill(GC_SERVICE);

        String requestPem = Openssl.newKeyAndRequest(work, "backlog", "/CN=ivan/O=dev-team").requestPem();
        List<String> uids = new ArrayList<>(create("backlog-before", REQUESTS / 2, requestPem));
        String marker = UUID.randomUUID().toString();
        List<String> poison = poisonEveryPartition(marker);
        uids.addAll(create("backlog-after", REQUESTS / 2, requestPem));

        Stack.certpipe("up", "--no-build");
        Map<String, List<CloudEvent>> decided = awaitDecided(uids);

        decided.forEach((uid, decisions) -> assertEquals(1, decisions.size(), uid + " decided once: " + decisions));
        KafkaTopics.awaitConsumed(GC_SERVICE, Topics.LIFECYCLE);
        for (String deadLetterTopic : List.of(Topics.LIFECYCLE_DLQ_APPROVAL, Topics.LIFECYCLE_DLQ_GC)) {
            assertEquals(poison.stream().sorted().toList(), parked(deadLetterTopic, marker),
                    "each poison record parked once on " + deadLetterTopic + ", nothing else of the backlog");
        }
        // Both started afresh for the backlog, so their counters hold its records alone.
        assertEquals(poison.size(), Metrics.sum(Stack.approvalMetrics(), DEAD_LETTERED, LIFECYCLE_CHANNEL));
        assertEquals(poison.size(), Metrics.sum(Stack.gcMetrics(), DEAD_LETTERED, LIFECYCLE_CHANNEL));
        assertTrue(Metrics.sum(Stack.approvalMetrics(), BATCH_SIZE_MAX, LIFECYCLE_CHANNEL) > 1,
                "approval-service read the backlog in batches");
        assertTrue(Metrics.sum(Stack.gcMetrics(), BATCH_SIZE_MAX, LIFECYCLE_CHANNEL) > 1,
                "gc-service read the backlog in batches");
    }

    @Test
    void aConsumerKilledInTheMiddleOfItsBatchesLosesNothingAndDecidesNothingTwice() throws Exception {
        String requestPem = Openssl.newKeyAndRequest(work, "killed", "/CN=judy/O=dev-team").requestPem();
        ExecutorService load = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<List<String>> created = CompletableFuture.supplyAsync(
                    () -> create("under-kill", REQUESTS, requestPem), load);
            Poll.until("approval-service to decide some of the requests", () -> decidedSoFar() > 0
                    ? Optional.of(true) : Optional.empty());
            Stack.kill(APPROVAL_SERVICE);
            Stack.kill(GC_SERVICE);
            List<String> uids = created.get(BACKLOG.toSeconds(), TimeUnit.SECONDS);

            Stack.certpipe("up", "--no-build");
            Map<String, List<CloudEvent>> decided = awaitDecided(uids);

            // The outbox sends at least once: a crash between the send and its bookkeeping sends the same event
            // again, with the same id. Deciding twice would make a second event.
            decided.forEach((uid, decisions) -> assertEquals(1,
                    decisions.stream().map(CloudEvent::id).distinct().count(), uid + " decided once: " + decisions));
            KafkaTopics.awaitConsumed(GC_SERVICE, Topics.LIFECYCLE);
        } finally {
            load.shutdownNow();
        }
    }

    /** Creates {@code count} requests named {@code prefix-...}, {@link #IN_FLIGHT} at a time; answers their uids. */
    private List<String> create(String prefix, int count, String requestPem) {
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<CompletableFuture<String>> uids = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> createOne(prefix, requestPem), clients))
                    .toList();
            return uids.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }
    }

    private String createOne(String prefix, String requestPem) {
        String name = Csrs.uniqueName(prefix);
        ApiClient.Response response = admin.create(Csrs.Manifest.of(name, requestPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).json().toString());
        assertEquals(201, response.code(), name + ": " + response.body());
        return response.body().path("metadata").path("uid").asText();
    }

    /**
     * Puts, on every partition of the lifecycle topic, a record nobody signed and one its publisher signed that is no
     * event; answers the values sent.
     */
    private static List<String> poisonEveryPartition(String marker) {
        List<String> sent = new ArrayList<>();
        for (int partition = 0; partition < KafkaTopics.partitionCount(Topics.LIFECYCLE); partition++) {
            String unsigned = "{\"unsigned\":\"" + marker + "\",\"partition\":" + partition + "}";
            KafkaTopics.send(Topics.LIFECYCLE, partition, "poison/" + marker, unsigned);
            String malformed = "not an event " + marker + " " + partition;
            KafkaTopics.publish(Topics.LIFECYCLE, partition, "poison/" + marker, malformed);
            sent.add(unsigned);
            sent.add(malformed);
        }
        return sent;
    }

    private static List<String> parked(String deadLetterTopic, String marker) {
        return KafkaTopics.readAll(deadLetterTopic).stream()
                .map(record -> record.value())
                .filter(value -> value != null && value.contains(marker))
                .sorted()
                .toList();
    }

    /**
     * Waits until every request of {@code uids} has a decision on the decisions topic and approval-service has read
     * the whole lifecycle topic, then answers each request's decisions.
     */
    private static Map<String, List<CloudEvent>> awaitDecided(List<String> uids) {
        Map<String, List<CloudEvent>> decided = Poll.until("a decision for each of " + uids.size() + " requests",
                BACKLOG, () -> {
                    Map<String, List<CloudEvent>> found = decisions(Set.copyOf(uids));
                    return found.size() == uids.size() ? Optional.of(found) : Optional.empty();
                });
        KafkaTopics.awaitConsumed(APPROVAL_SERVICE, Topics.LIFECYCLE);
        return decisions(decided.keySet());
    }

    private static Map<String, List<CloudEvent>> decisions(Set<String> uids) {
        return KafkaTopics.events(Topics.APPROVAL_DECISIONS).stream()
                .filter(event -> event.type().equals(EventType.DECIDED.type()) && uids.contains(event.csruid()))
                .collect(Collectors.groupingBy(CloudEvent::csruid));
    }

    private static long decidedSoFar() {
        return KafkaTopics.events(Topics.APPROVAL_DECISIONS).stream()
                .filter(event -> event.subject().startsWith("under-kill-"))
                .count();
    }
}
