import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * certpipe's issuance benchmark, one phase per launch by {@code bench/run} (which compiles {@code bench/*.java} once):
 * <pre>
 * IssuanceBenchmark CERTPIPE_HOME HTTPS_PORT idle COUNT              latency on an idle stack, one request at a time
 * IssuanceBenchmark CERTPIPE_HOME HTTPS_PORT steady RATE SECONDS     latency at a fixed request rate (open loop)
 * IssuanceBenchmark CERTPIPE_HOME HTTPS_PORT bulk COUNT RATE_FILE    throughput of COUNT requests, 16 in flight
 * </pre>
 *
 * <p>Each request is a CertificateSigningRequest created through the real HTTPS API and approved with
 * {@code PUT .../approval} as {@code kubectl certificate approve} does; it is issued when it carries
 * {@code status.certificate}. Issuance is timestamped from a watch opened before the first request (exact times) and
 * confirmed by listing (the authority; every 200 ms while the watch is down). Each launch labels its requests with
 * a run of its own, so it sees nothing else. Every call is bounded in time, so the program always ends. Exit status
 * 0 when every request of the phase was issued.
 */
public final class IssuanceBenchmark {

    static final String SIGNER = "kubernetes.io/kube-apiserver-client";
    /** Labels this launch's requests, so that listing and watching see nothing else. */
    static final String RUN_LABEL = "certpipe.io/benchmark";
    static final int MAX_REQUESTS = 100_000;
    /** How long the idle phase waits for one certificate before it gives up on the phase. */
    static final Duration IDLE_ISSUANCE_WAIT = Duration.ofSeconds(30);
    /** The open-loop client's bound: a request due while this many create+approve calls are pending is skipped. */
    static final int STEADY_MAX_OUTSTANDING = 64;
    /** How long issuance may take after the last approval: a base plus a little per request. */
    static final Duration SETTLE_BASE = Duration.ofSeconds(60);
    static final Duration SETTLE_PER_REQUEST = Duration.ofMillis(50);
    /** A steady phase whose last certificate came later than this after the schedule ended did not keep up. */
    static final Duration KEPT_UP_DRAIN = Duration.ofSeconds(1);
    /** Listing every request is itself load on intake (10,000 requests are megabytes): rare while the watch works. */
    static final Duration LIST_INTERVAL_WATCHING = Duration.ofSeconds(10);
    /** How often the settling phase looks whether it is done, and lists when the watch is down. */
    static final Duration LIST_INTERVAL_BLIND = Duration.ofMillis(200);
    static final int CONFLICT_RETRIES = 5;

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length != argumentCount(args[2])) {
            System.err.println("usage: IssuanceBenchmark CERTPIPE_HOME HTTPS_PORT"
                    + " (idle COUNT | steady RATE SECONDS | bulk COUNT RATE_FILE)");
            System.exit(2);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        CertpipeApi api = CertpipeApi.of(Path.of(args[0]), Integer.parseInt(args[1]), RUN_LABEL + "=" + run);
        IssuanceBenchmark benchmark = new IssuanceBenchmark(api, run);
        boolean allIssued = switch (args[2]) {
            case "idle" -> benchmark.idle(requests(Integer.parseInt(args[3])));
            case "steady" -> benchmark.steady(Integer.parseInt(args[3]),
                    Duration.ofSeconds(Integer.parseInt(args[4])));
            default -> benchmark.bulk(requests(Integer.parseInt(args[3])), Path.of(args[4]));
        };
        System.exit(allIssued ? 0 : 1);
    }

    /** How many arguments the phase takes, home and port included; -1 for an unknown phase. */
    private static int argumentCount(String phase) {
        return switch (phase) {
            case "idle" -> 4;
            case "steady", "bulk" -> 5;
            default -> -1;
        };
    }

    /** A request count, checked against {@link #MAX_REQUESTS}. */
    private static int requests(long count) {
        if (count < 1 || count > MAX_REQUESTS) {
            throw new IllegalArgumentException(count + " requests: not within 1.." + MAX_REQUESTS);
        }
        return (int) count;
    }

    private final CertpipeApi api;
    private final String run;
    private final Progress progress = new Progress();
    private final AtomicBoolean watching = new AtomicBoolean();

    IssuanceBenchmark(CertpipeApi api, String run) {
        this.api = api;
        this.run = run;
    }

    /**
     * Latency on an idle stack: one request at a time, created, approved, and its certificate awaited on the watch
     * before the next is created. Stops at the first request that fails or is not issued in time.
     */
    boolean idle(int count) throws Exception {
        List<Requests.Planned> planned = Requests.plan(count, run);
        openWatch();
        int sent = 0;
        String stoppedBy = null;
        while (sent < planned.size() && stoppedBy == null) {
            stoppedBy = issueAlone(planned.get(sent++));
        }
        settle(progress.approved());
        PrintStream out = System.out;
        out.printf("idle: %d requests one at a time (create, approve, certificate seen on the open watch)%n", count);
        out.printf("  approve->visible  %s   target p50 < 20 ms, p99 < 50 ms%n",
                Latencies.spread(progress.approveToIssued()));
        out.printf("  create->issued    %s%n", Latencies.spread(progress.createToIssued()));
        if (stoppedBy != null) {
            out.printf("  STOPPED at request %d of %d: %s%n", sent, count, stoppedBy);
        }
        return reportUnissued(out, sent) && sent == count;
    }

    /** Creates and approves one request and waits for its certificate: why the idle phase must stop, or null. */
    private String issueAlone(Requests.Planned request) {
        try {
            createAndApprove(request, System.nanoTime())
                    .get(CertpipeApi.CALL_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            progress.settlement(request.name()).get(IDLE_ISSUANCE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return request.name() + " not settled within " + IDLE_ISSUANCE_WAIT.toSeconds() + " s";
        } catch (Exception e) {
            return request.name() + ": " + Batch.rootMessage(e);
        }
    }

    /**
     * Latency under steady load, open loop: request i is sent at {@code i / rate} seconds whether or not earlier
     * ones are answered, so a slow stack cannot slow the load down; latency is counted from the scheduled moment.
     * The client bounds its pending calls ({@link #STEADY_MAX_OUTSTANDING}) and skips a request due when the bound
     * is reached, rather than queue without limit.
     */
    boolean steady(int rate, Duration duration) throws Exception {
        int total = requests((long) rate * duration.toSeconds());
        List<Requests.Planned> planned = Requests.plan(total, run);
        openWatch();
        Semaphore outstanding = new Semaphore(STEADY_MAX_OUTSTANDING);
        List<CompletableFuture<Void>> calls = new ArrayList<>(total);
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            sleepUntil(due);
            if (!outstanding.tryAcquire()) {
                skipped++;
                continue;
            }
            Requests.Planned request = planned.get(i);
            calls.add(createAndApprove(request, due).whenComplete((ignored, failure) -> {
                outstanding.release();
                if (failure != null) {
                    synchronized (failures) {
                        failures.add(Batch.rootMessage(failure));
                    }
                }
            }));
        }
        long scheduleEnd = System.nanoTime();
        int pendingCalls = STEADY_MAX_OUTSTANDING - outstanding.availablePermits();
        int awaitingCertificate = progress.unsettled(progress.approved()).size();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
        settle(progress.approved());

        PrintStream out = System.out;
        out.printf("steady: %d requests/s offered for %d s, open loop (sent on schedule, at most %d calls pending)%n",
                rate, duration.toSeconds(), STEADY_MAX_OUTSTANDING);
        double scheduleSeconds = Math.max(duration.toNanos(), scheduleEnd - start) / 1e9;
        out.printf("  sent      %5d of %d, %.1f /s%s%n", calls.size(), total, calls.size() / scheduleSeconds,
                skipped == 0 ? "" : "; " + skipped + " SKIPPED (due while " + STEADY_MAX_OUTSTANDING
                        + " calls were pending)");
        if (!failures.isEmpty()) {
            out.printf("  %d create+approve calls FAILED, first: %s%n", failures.size(), failures.getFirst());
        }
        long lastIssued = progress.lastIssued(start);
        out.printf("  issued    %5d, %.1f /s (first scheduled send to last certificate seen)%n",
                progress.issuedCount(), progress.issuedCount() / seconds(lastIssued - start));
        out.printf("  create->issued    %s (from the scheduled send)   target p99 < 250 ms at 300/s%n",
                Latencies.spread(progress.createToIssued()));
        out.printf("  when the schedule ended: %d calls pending, %d approved requests awaiting their certificate%n",
                pendingCalls, awaitingCertificate);
        double drain = seconds(lastIssued - scheduleEnd);
        boolean keptUp = skipped == 0 && failures.isEmpty() && drain <= KEPT_UP_DRAIN.toNanos() / 1e9
                && progress.issuedCount() == total;
        out.printf(keptUp ? "  the stack kept up (last certificate %.1f s after the schedule)%n"
                : "  the stack FELL BEHIND: its last certificate came %.1f s after the schedule ended%n", drain);
        // A skipped request was never sent: the stack falling behind, said above, not a request it lost.
        return reportUnissued(out, calls.size());
    }

    /**
     * Throughput: all COUNT requests created, 16 in flight, then all approved, 16 in flight, then every certificate
     * awaited. When every request was issued, writes the pipeline rate (certificates per second, first create to
     * last certificate) to {@code rateFile} for bench/run's comparison with cfssl.
     */
    boolean bulk(int count, Path rateFile) throws Exception {
        List<Requests.Planned> planned = Requests.plan(count, run);
        openWatch();
        Map<String, JsonNode> created = new ConcurrentHashMap<>();
        long createStart = System.nanoTime();
        Batch create = Batch.run(planned, request -> {
            progress.createSent(request.name(), System.nanoTime());
            return api.create(request.body()).thenAccept(response -> created.put(request.name(),
                    CertpipeApi.expect(201, "create " + request.name(), response)));
        });
        long approveStart = System.nanoTime();
        Batch approve = Batch.run(List.copyOf(created.entrySet()), entry -> {
            progress.approvalSent(entry.getKey(), System.nanoTime());
            return approve(entry.getKey(), entry.getValue(), CONFLICT_RETRIES);
        });
        settle(progress.approved());

        PrintStream out = System.out;
        out.printf("bulk: %d requests for %s, %d in flight, HTTPS with the admin client certificate%n", count,
                SIGNER, Batch.IN_FLIGHT);
        out.printf("  create    %5d ok in %7.2f s  %8.1f /s   call latency %s%s%n", create.succeeded(),
                create.seconds(), create.perSecond(), Latencies.spread(create.latencies()), create.failures());
        out.printf("  approve   %5d ok in %7.2f s  %8.1f /s   call latency %s%s%s%n", approve.succeeded(),
                approve.seconds(), approve.perSecond(), Latencies.spread(approve.latencies()), approve.failures(),
                progress.conflicts() == 0 ? "" : "  (" + progress.conflicts() + " conflicts retried)");
        int issued = progress.issuedCount();
        double pipelineRate = 0;
        if (issued > 0) {
            long lastIssued = progress.lastIssued(createStart);
            pipelineRate = issued / seconds(lastIssued - createStart);
            out.printf("  issued    %5d of %d approved; last certificate %.2f s after the first create%n", issued,
                    progress.approved().size(), seconds(lastIssued - createStart));
            out.printf("  pipeline  %8.1f /s create->issued (first create sent to last certificate seen)%n",
                    pipelineRate);
            out.printf("  issuing   %8.1f /s approve->issued (first approval sent to last certificate seen)%n",
                    issued / seconds(lastIssued - approveStart));
            out.printf("  approve->issued latency %s (approval PUT sent to certificate seen)%n",
                    Latencies.spread(progress.approveToIssued()));
        }
        boolean allIssued = reportUnissued(out, count) && create.failed() == 0 && approve.failed() == 0;
        // A rate over the requests that made it would flatter a run that lost some: the comparison gets none.
        if (allIssued) {
            Files.writeString(rateFile, String.format(Locale.ROOT, "%.1f%n", pipelineRate));
        }
        return allIssued;
    }

    /** Prints what was not issued; true when all {@code sent} requests were. */
    private boolean reportUnissued(PrintStream out, int sent) {
        progress.failed().entrySet().stream().limit(3).forEach(entry -> out.printf("  not issued: %s: %s%n",
                entry.getKey(), entry.getValue()));
        if (!progress.failed().isEmpty()) {
            out.printf("  %d requests ended Failed or Denied%n", progress.failed().size());
        }
        int unsettled = progress.unsettled(progress.approved()).size();
        if (unsettled > 0) {
            out.printf("  %d approved requests still had no certificate when the wait ended%n", unsettled);
        }
        int issued = progress.issuedCount();
        if (issued < sent) {
            out.printf("  NOT ISSUED: %d of the %d requests sent%n", sent - issued, sent);
        }
        return issued == sent;
    }

    /** The idle and steady phases' call: create, then approve what was created; {@code due} is when it was meant to go. */
    private CompletableFuture<Void> createAndApprove(Requests.Planned request, long due) {
        progress.createSent(request.name(), due);
        return api.create(request.body())
                .thenApply(response -> CertpipeApi.expect(201, "create " + request.name(), response))
                .thenCompose(created -> {
                    progress.approvalSent(request.name(), System.nanoTime());
                    return approve(request.name(), created, CONFLICT_RETRIES);
                });
    }

    /**
     * {@code kubectl certificate approve}: the object as last seen with an Approved condition added. A 409 means
     * someone changed it meanwhile (approval-service's decision, say): read it again and retry, a few times.
     */
    private CompletableFuture<Void> approve(String name, JsonNode current, int retriesLeft) {
        return api.approve(name, Requests.withApproval(current)).thenCompose(response -> {
            if (response.statusCode() == 409 && retriesLeft > 0) {
                progress.conflict();
                return api.get(name).thenCompose(fresh -> approve(name,
                        CertpipeApi.expect(200, "get " + name, fresh), retriesLeft - 1));
            }
            CertpipeApi.expect(200, "approve " + name, response);
            progress.approved(name);
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Starts the watch that timestamps issuance, from the collection as listed now, before any request is sent; the
     * phase still completes by listing if the watch fails.
     */
    private void openWatch() {
        long listed = api.list().orTimeout(CertpipeApi.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()
                .path("metadata").path("resourceVersion").asLong();
        CompletableFuture<Void> opened = new CompletableFuture<>();
        api.watch(listed, event -> {
            opened.complete(null);
            progress.observe(event.path("object"), System.nanoTime());
        }, () -> {
            watching.set(true);
            opened.complete(null);
        }).whenComplete((ignored, failure) -> {
            watching.set(false);
            opened.complete(null);
            if (failure != null && !api.stopped()) {
                System.err.println("  watch ended: " + Batch.rootMessage(failure) + " (falling back to listing)");
            }
        });
        try {
            opened.get(CertpipeApi.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            System.err.println("  watch did not open: " + Batch.rootMessage(e) + " (listing instead)");
        }
    }

    /**
     * Waits, bounded by {@link #SETTLE_BASE} plus a little per request, until every approved request has its
     * certificate or a terminal condition, listing now and then (the watch may miss nothing, but the list decides);
     * then closes the watch.
     */
    private void settle(List<String> approved) throws InterruptedException {
        long settleBy = System.nanoTime()
                + SETTLE_BASE.plus(SETTLE_PER_REQUEST.multipliedBy(approved.size())).toNanos();
        long listedAt = System.nanoTime();
        while (!progress.unsettled(approved).isEmpty() && System.nanoTime() < settleBy) {
            Thread.sleep(LIST_INTERVAL_BLIND.toMillis());
            if (watching.get() && System.nanoTime() - listedAt < LIST_INTERVAL_WATCHING.toNanos()) {
                continue;
            }
            listedAt = System.nanoTime();
            try {
                JsonNode list = api.list().get(CertpipeApi.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                long seen = System.nanoTime();
                list.path("items").forEach(csr -> progress.observe(csr, seen));
            } catch (Exception e) {
                System.err.println("  list failed (will retry): " + Batch.rootMessage(e));
            }
        }
        api.stopWatching();
    }

    /** Parks until {@code due} ({@link System#nanoTime()}), however often the park returns early. */
    private static void sleepUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** What happened to each request, with the times it was seen; fed concurrently by calls, watch and lists. */
    static final class Progress {

        private final Map<String, Long> createSent = new ConcurrentHashMap<>();
        private final Map<String, Long> approvalSent = new ConcurrentHashMap<>();
        private final Map<String, Boolean> approved = new ConcurrentHashMap<>();
        private final Map<String, Long> issued = new ConcurrentHashMap<>();
        private final Map<String, String> failed = new ConcurrentHashMap<>();
        /** Completes when the request is issued or has failed: what the idle phase waits on. */
        private final Map<String, CompletableFuture<Void>> settlements = new ConcurrentHashMap<>();
        private final AtomicInteger conflicts = new AtomicInteger();

        void createSent(String name, long when) {
            createSent.put(name, when);
        }

        void approvalSent(String name, long when) {
            approvalSent.put(name, when);
        }

        void approved(String name) {
            approved.put(name, true);
        }

        void conflict() {
            conflicts.incrementAndGet();
        }

        /** Notes a certificate, or a terminal condition (Failed, Denied), the first time one is seen. */
        void observe(JsonNode csr, long when) {
            String name = csr.path("metadata").path("name").asText();
            if (name.isEmpty()) {
                return;
            }
            if (!csr.path("status").path("certificate").asText().isEmpty()) {
                issued.putIfAbsent(name, when);
                settlement(name).complete(null);
                return;
            }
            for (JsonNode condition : csr.path("status").path("conditions")) {
                String type = condition.path("type").asText();
                if (type.equals("Failed") || type.equals("Denied")) {
                    failed.putIfAbsent(name, type + " " + condition.path("reason").asText() + ": "
                            + condition.path("message").asText());
                    settlement(name).complete(null);
                }
            }
        }

        CompletableFuture<Void> settlement(String name) {
            return settlements.computeIfAbsent(name, ignored -> new CompletableFuture<>());
        }

        List<String> approved() {
            return List.copyOf(approved.keySet());
        }

        /** Those of {@code names} with neither a certificate nor a terminal condition yet. */
        List<String> unsettled(List<String> names) {
            return names.stream().filter(name -> !issued.containsKey(name) && !failed.containsKey(name)).toList();
        }

        int issuedCount() {
            return issued.size();
        }

        /** When the last certificate was seen, or {@code otherwise} when none was. */
        long lastIssued(long otherwise) {
            return issued.values().stream().mapToLong(Long::longValue).max().orElse(otherwise);
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

        Map<String, String> failed() {
            return failed;
        }

        int conflicts() {
            return conflicts.get();
        }
    }

    /** The request bodies: one fresh EC P-256 key and PKCS#10 per request, made before any timing starts. */
    static final class Requests {

        record Planned(String name, String body) {
        }

        static List<Planned> plan(int count, String run) throws Exception {
            Pkcs10 pkcs10 = new Pkcs10();
            List<Planned> planned = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = "bench-" + run + "-" + i;
                ObjectNode csr = CertpipeApi.JSON.createObjectNode()
                        .put("apiVersion", "certificates.k8s.io/v1")
                        .put("kind", "CertificateSigningRequest");
                csr.putObject("metadata").put("name", name).putObject("labels").put(RUN_LABEL, run);
                ObjectNode spec = csr.putObject("spec")
                        .put("request", Base64.getEncoder().encodeToString(
                                pkcs10.request(name).getBytes(StandardCharsets.US_ASCII)))
                        .put("signerName", SIGNER)
                        .put("expirationSeconds", 86400);
                spec.putArray("usages").add("digital signature").add("client auth");
                planned.add(new Planned(name, csr.toString()));
            }
            return planned;
        }

        /** The object with the condition {@code kubectl certificate approve} adds. */
        static String withApproval(JsonNode current) {
            ObjectNode csr = (ObjectNode) current.deepCopy();
            csr.withObjectProperty("status").withArrayProperty("conditions").addObject()
                    .put("type", "Approved")
                    .put("status", "True")
                    .put("reason", "Benchmark")
                    .put("message", "approved by bench");
            return csr.toString();
        }
    }
}
