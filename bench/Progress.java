import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened to each request of a phase, with the times it was seen, keyed by what the front door knows a request
 * by (its name over the API, its requestId over Kafka); fed concurrently by calls, replies, the watch and lists.
 */
final class Progress {

    private final Map<String, Long> createSent = new ConcurrentHashMap<>();
    private final Map<String, Long> approvalSent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> approved = new ConcurrentHashMap<>();
    private final Map<String, Long> issued = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /** Completes when the request is issued or has failed: what the idle phase waits on. */
    private final Map<String, CompletableFuture<Void>> settlements = new ConcurrentHashMap<>();
    private final AtomicInteger conflicts = new AtomicInteger();

    void createSent(String key, long when) {
        createSent.put(key, when);
    }

    void approvalSent(String key, long when) {
        approvalSent.put(key, when);
    }

    void approved(String key) {
        approved.put(key, true);
    }

    void conflict() {
        conflicts.incrementAndGet();
    }

    /** Notes a certificate, or a terminal condition (Failed, Denied), the first time one is seen on the object. */
    void observe(JsonNode csr, long when) {
        String name = csr.path("metadata").path("name").asText();
        if (name.isEmpty()) {
            return;
        }
        if (!csr.path("status").path("certificate").asText().isEmpty()) {
            issued(name, when);
            return;
        }
        for (JsonNode condition : csr.path("status").path("conditions")) {
            String type = condition.path("type").asText();
            if (type.equals("Failed") || type.equals("Denied")) {
                ended(name, type + " " + condition.path("reason").asText() + ": "
                        + condition.path("message").asText());
            }
        }
    }

    /** Notes the request's certificate, the first time it is seen. */
    void issued(String key, long when) {
        issued.putIfAbsent(key, when);
        settlement(key).complete(null);
    }

    /** Notes that the request ended without a certificate, and why, the first time it is seen. */
    void ended(String key, String why) {
        failed.putIfAbsent(key, why);
        settlement(key).complete(null);
    }

    CompletableFuture<Void> settlement(String key) {
        return settlements.computeIfAbsent(key, ignored -> new CompletableFuture<>());
    }

    List<String> approved() {
        return List.copyOf(approved.keySet());
    }

    /** Those of {@code keys} with neither a certificate nor an end without one yet. */
    List<String> unsettled(List<String> keys) {
        return keys.stream().filter(key -> !issued.containsKey(key) && !failed.containsKey(key)).toList();
    }

    int issuedCount() {
        return issued.size();
    }

    /** Seconds from {@code since} (a {@link System#nanoTime()}) to the last certificate seen; 0 when none was. */
    double secondsToLastIssued(long since) {
        return (issued.values().stream().mapToLong(Long::longValue).max().orElse(since) - since) / 1e9;
    }

    /** Per issued request, from its create call (or the moment it was scheduled) to its certificate seen. */
    List<Long> createToIssued() {
        return since(createSent);
    }

    /** Per issued request, from its approval PUT sent to its certificate seen. */
    List<Long> approveToIssued() {
        return since(approvalSent);
    }

    private List<Long> since(Map<String, Long> sent) {
        return issued.entrySet().stream().filter(entry -> sent.containsKey(entry.getKey()))
                .map(entry -> entry.getValue() - sent.get(entry.getKey())).toList();
    }

    int conflicts() {
        return conflicts.get();
    }

    /** Prints what was not issued; true when all {@code sent} requests were. */
    boolean reportUnissued(PrintStream out, int sent) {
        failed.entrySet().stream().limit(3).forEach(entry -> out.printf("  not issued: %s: %s%n", entry.getKey(),
                entry.getValue()));
        if (!failed.isEmpty()) {
            out.printf("  %d requests ended without a certificate%n", failed.size());
        }
        int unsettled = unsettled(approved()).size();
        if (unsettled > 0) {
            out.printf("  %d approved requests still had no certificate when the wait ended%n", unsettled);
        }
        int issuedCount = issuedCount();
        if (issuedCount < sent) {
            out.printf("  NOT ISSUED: %d of the %d requests sent%n", sent - issuedCount, sent);
        }
        return issuedCount == sent;
    }
}
