import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark's phases through the Kubernetes API: each request is a CertificateSigningRequest for {@link #SIGNER}
 * created over HTTPS and approved with {@code PUT .../approval} as {@code kubectl certificate approve} does; it is
 * issued when it carries {@code status.certificate}. Issuance is timestamped from a watch opened before the first
 * request (exact times) and confirmed by listing (the authority; every 200 ms while the watch is down). The launch
 * labels its requests with its run, so it sees nothing else. Every call is bounded in time.
 */
final class ApiPhases implements IssuanceBenchmark.Phases {

    static final String SIGNER = "kubernetes.io/kube-apiserver-client";
    /** Labels this launch's requests, so that listing and watching see nothing else. */
    static final String RUN_LABEL = "certpipe.io/benchmark";
    /** Listing every request is itself load on intake (10,000 requests are megabytes): rare while the watch works. */
    static final Duration LIST_INTERVAL_WATCHING = Duration.ofSeconds(10);
    /** How often the settling phase looks whether it is done, and lists when the watch is down. */
    static final Duration LIST_INTERVAL_BLIND = Duration.ofMillis(200);
    static final int CONFLICT_RETRIES = 5;

    private final CertpipeApi api;
    private final String run;
    private final Progress progress = new Progress();
    private final AtomicBoolean watching = new AtomicBoolean();

    private ApiPhases(CertpipeApi api, String run) {
        this.api = api;
        this.run = run;
    }

    /** The phases against the API of the stack whose home is {@code home}, serving HTTPS on {@code port}. */
    static ApiPhases of(Path home, List<Integer> ports) throws GeneralSecurityException, IOException {
        String run = IssuanceBenchmark.newRun();
        return new ApiPhases(CertpipeApi.of(home, ports, RUN_LABEL + "=" + run), run);
    }

    /**
     * Latency on an idle stack: one request at a time, created, approved, and its certificate awaited on the watch
     * before the next is created. Stops at the first request that fails or is not issued in time.
     */
    @Override
    public boolean idle(int count) throws Exception {
        List<Requests.Planned> planned = Requests.plan(count, run);
        openWatch();
        int sent = 0;
        String stoppedBy = null;
        while (sent < planned.size() && stoppedBy == null) {
            stoppedBy = issueAlone(planned.get(sent++));
        }
        settle(progress.approved());
        PrintStream out = System.out;
        out.printf("idle: %d requests one at a time over the API (create, approve, certificate seen on the open"
                + " watch)%n", count);
        out.printf("  approve->visible  %s   target p50 < 20 ms, p99 < 50 ms%n",
                Latencies.spread(progress.approveToIssued()));
        out.printf("  create->issued    %s%n", Latencies.spread(progress.createToIssued()));
        if (stoppedBy != null) {
            out.printf("  STOPPED at request %d of %d: %s%n", sent, count, stoppedBy);
        }
        return progress.reportUnissued(out, sent) && sent == count;
    }

    /** Creates and approves one request and waits for its certificate: why the idle phase must stop, or null. */
    private String issueAlone(Requests.Planned request) {
        try {
            createAndApprove(request, System.nanoTime())
                    .get(CertpipeApi.CALL_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            progress.settlement(request.name())
                    .get(IssuanceBenchmark.IDLE_ISSUANCE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return request.name() + " not settled within " + IssuanceBenchmark.IDLE_ISSUANCE_WAIT.toSeconds() + " s";
        } catch (Exception e) {
            return request.name() + ": " + Batch.rootMessage(e);
        }
    }

    /** Latency under steady load: each send is the request's create and approve calls. */
    @Override
    public boolean steady(int rate, Duration duration) throws Exception {
        List<Requests.Planned> planned = Requests.plan(SteadyLoad.requestCount(rate, duration), run);
        openWatch();
        SteadyLoad load = SteadyLoad.run(planned, rate, duration, progress, "create+approve calls",
                this::createAndApprove);
        load.awaitSends();
        settle(progress.approved());
        return load.report(System.out, "over the API");
    }

    /**
     * Throughput: all COUNT requests created, 16 in flight, then all approved, 16 in flight, then every certificate
     * awaited.
     */
    @Override
    public boolean bulk(int count, Path rateFile) throws Exception {
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
        out.printf("bulk: %d requests for %s over the API, %d in flight, HTTPS with the admin client certificate%n",
                count, SIGNER, Batch.IN_FLIGHT);
        out.printf("  create    %5d ok in %7.2f s  %8.1f /s   call latency %s%s%n", create.succeeded(),
                create.seconds(), create.perSecond(), Latencies.spread(create.latencies()), create.failures());
        out.printf("  approve   %5d ok in %7.2f s  %8.1f /s   call latency %s%s%s%n", approve.succeeded(),
                approve.seconds(), approve.perSecond(), Latencies.spread(approve.latencies()), approve.failures(),
                progress.conflicts() == 0 ? "" : "  (" + progress.conflicts() + " conflicts retried)");
        int issued = progress.issuedCount();
        double pipelineRate = 0;
        if (issued > 0) {
            double pipelineSeconds = progress.secondsToLastIssued(createStart);
            pipelineRate = issued / pipelineSeconds;
            out.printf("  issued    %5d of %d approved; last certificate %.2f s after the first create%n", issued,
                    progress.approved().size(), pipelineSeconds);
            out.printf("  pipeline  %8.1f /s create->issued (first create sent to last certificate seen)%n",
                    pipelineRate);
            out.printf("  issuing   %8.1f /s approve->issued (first approval sent to last certificate seen)%n",
                    issued / progress.secondsToLastIssued(approveStart));
            out.printf("  approve->issued latency %s (approval PUT sent to certificate seen)%n",
                    Latencies.spread(progress.approveToIssued()));
        }
        boolean allIssued = progress.reportUnissued(out, count) && create.failed() == 0 && approve.failed() == 0;
        // A rate over the requests that made it would flatter a run that lost some: the comparison gets none.
        if (allIssued) {
            Files.writeString(rateFile, String.format(Locale.ROOT, "%.1f%n", pipelineRate));
        }
        return allIssued;
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
     * Waits, bounded by {@link IssuanceBenchmark#settleWithin}, until every approved request has its certificate or
     * a terminal condition, listing now and then (the watch may miss nothing, but the list decides); then closes the
     * watch.
     */
    private void settle(List<String> approved) throws InterruptedException {
        long settleBy = System.nanoTime() + IssuanceBenchmark.settleWithin(approved.size()).toNanos();
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
                        .put("expirationSeconds", IssuanceBenchmark.CERTIFICATE_LIFETIME.toSeconds());
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
