import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.automation.client.AutomationClient;
import io.certpipe.automation.client.CsrObjectBuilder;
import io.certpipe.automation.client.Issued;
import io.certpipe.automation.client.Reply;
import io.certpipe.automation.client.RequestNotIssuedException;

/**
 * The benchmark's phases through the asynchronous API: each request is submitted on an automation client's request
 * topic with {@link AutomationClient} (the client {@code ./certpipe automation add} made, whose client.properties
 * bench/run passes) and is issued when its {@code issued} reply is read. Nobody approves: the stack's approval group
 * rule approves what automation clients ask of {@link #SIGNER} (AUTOMATION_AUTO_APPROVED_SIGNER in ./certpipe), so a
 * request's latency is create->issued as a whole, with no approve->visible. Every submission is bounded in time.
 */
final class KafkaPhases implements IssuanceBenchmark.Phases {

    /** The signer the stack approves automation clients' requests of without a human. */
    static final String SIGNER = "example.com/serving";
    /** What that signer's policy (deploy/signers.yaml) asks for: a host under example.com, a server's usages. */
    static final String DOMAIN = ".example.com";
    static final List<String> USAGES = List.of("digital signature", "key encipherment", "server auth");
    static final String CLUSTER = "default";

    private final AutomationClient client;
    private final String clientName;
    private final String run;
    private final Progress progress = new Progress();

    private KafkaPhases(AutomationClient client, String clientName, String run) {
        this.client = client;
        this.clientName = clientName;
        this.run = run;
    }

    /** The phases as automation client {@code clientName}, with the client.properties it was given. */
    static KafkaPhases open(Path clientProperties, String clientName) throws IOException {
        return new KafkaPhases(AutomationClient.open(clientProperties, clientName), clientName,
                IssuanceBenchmark.newRun());
    }

    /** One request: its requestId (fresh per launch) and its object, which leaves the name to the API. */
    private record Planned(String requestId, ObjectNode csr) {
    }

    /**
     * A submission: {@code answered} when intake first replies ({@code accepted}, or a final reply such as
     * {@code rejected}), {@code issued} at its final reply.
     */
    private record Submitted(CompletableFuture<Void> answered, CompletableFuture<Issued> issued) {
    }

    /**
     * Latency on an idle stack: one request at a time, submitted and its {@code issued} reply awaited before the next
     * is submitted. Stops at the first request that is not issued in time.
     */
    @Override
    public boolean idle(int count) throws Exception {
        List<Planned> planned = plan(count);
        int sent = 0;
        String stoppedBy = null;
        while (sent < planned.size() && stoppedBy == null) {
            stoppedBy = issueAlone(planned.get(sent++));
        }
        PrintStream out = System.out;
        out.printf("idle: %d requests one at a time over Kafka (client %s: submit, approved automatically, issued reply"
                + " read)%n", count, clientName);
        out.printf("  create->issued    %s   (no approve->visible: no approval call on this path)%n",
                Latencies.spread(progress.createToIssued()));
        if (stoppedBy != null) {
            out.printf("  STOPPED at request %d of %d: %s%n", sent, count, stoppedBy);
        }
        return progress.reportUnissued(out, sent) && sent == count;
    }

    /** Submits one request and waits for its final reply: why the idle phase must stop, or null. */
    private String issueAlone(Planned request) throws InterruptedException {
        try {
            submit(request, System.nanoTime(), IssuanceBenchmark.IDLE_ISSUANCE_WAIT).issued().get();
            return null;
        } catch (ExecutionException e) {
            return request.requestId() + ": " + Batch.rootMessage(e);
        }
    }

    /** Latency under steady load: each send is a submission, pending until intake first replies. */
    @Override
    public boolean steady(int rate, Duration duration) throws Exception {
        List<Planned> planned = plan(SteadyLoad.requestCount(rate, duration));
        Duration timeout = IssuanceBenchmark.settleWithin(planned.size());
        List<CompletableFuture<Issued>> issued = new ArrayList<>(planned.size());
        SteadyLoad load = SteadyLoad.run(planned, rate, duration, progress, "submissions", (request, due) -> {
            Submitted submitted = submit(request, due, timeout);
            issued.add(submitted.issued());
            return submitted.answered();
        });
        load.awaitSends();
        awaitAll(issued);
        return load.report(System.out, "over Kafka (approved automatically)");
    }

    /**
     * Throughput: all COUNT requests submitted, at most {@link Batch#IN_FLIGHT} awaiting intake's first reply (as the
     * API path keeps that many create calls in flight), then every certificate awaited.
     */
    @Override
    public boolean bulk(int count, Path rateFile) throws Exception {
        List<Planned> planned = plan(count);
        Duration timeout = IssuanceBenchmark.settleWithin(count);
        List<CompletableFuture<Issued>> issued = new ArrayList<>(count);
        long submitStart = System.nanoTime();
        Batch submit = Batch.run(planned, request -> {
            Submitted submitted = submit(request, System.nanoTime(), timeout);
            issued.add(submitted.issued());
            return submitted.answered();
        });
        awaitAll(issued);

        PrintStream out = System.out;
        out.printf("bulk: %d requests for %s over Kafka (client %s), %d awaiting intake's first reply, approved"
                + " automatically%n", count, SIGNER, clientName, Batch.IN_FLIGHT);
        out.printf("  submit    %5d accepted in %7.2f s  %8.1f /s   until accepted %s%s%n", submit.succeeded(),
                submit.seconds(), submit.perSecond(), Latencies.spread(submit.latencies()), submit.failures());
        int issuedCount = progress.issuedCount();
        double pipelineRate = 0;
        if (issuedCount > 0) {
            double pipelineSeconds = progress.secondsToLastIssued(submitStart);
            pipelineRate = issuedCount / pipelineSeconds;
            out.printf("  issued    %5d of %d accepted; last certificate %.2f s after the first submit%n",
                    issuedCount, submit.succeeded(), pipelineSeconds);
            out.printf("  pipeline  %8.1f /s create->issued (first request sent to last issued reply read)%n",
                    pipelineRate);
            out.printf("  create->issued latency %s (request sent to its issued reply read)%n",
                    Latencies.spread(progress.createToIssued()));
        }
        boolean allIssued = progress.reportUnissued(out, count) && submit.failed() == 0;
        // A rate over the requests that made it would flatter a run that lost some: the comparisons get none.
        if (allIssued) {
            Files.writeString(rateFile, String.format(Locale.ROOT, "%.1f%n", pipelineRate));
        }
        return allIssued;
    }

    /**
     * Submits {@code request}, {@code due} (a {@link System#nanoTime()}) being when it was meant to go, and notes its
     * replies as they are read: approved, issued, or the end without a certificate the final reply says.
     */
    private Submitted submit(Planned request, long due, Duration timeout) {
        String requestId = request.requestId();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        progress.createSent(requestId, due);
        CompletableFuture<Issued> issued;
        try {
            issued = client.submit(requestId, CLUSTER, request.csr(), timeout, reply -> noteReply(reply, answered))
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            issued = CompletableFuture.failedFuture(e);
        }
        issued.whenComplete((certificate, failure) -> {
            if (failure == null) {
                answered.complete(null);
                return;
            }
            // A timeout or a failed send is no verdict of the stack's: the request stays unsettled, and not issued.
            if (unwrapped(failure) instanceof RequestNotIssuedException notIssued) {
                progress.ended(requestId, notIssued.getMessage());
            }
            answered.completeExceptionally(failure);
        });
        return new Submitted(answered, issued);
    }

    /** On the client's reply thread, as each reply is read. */
    private void noteReply(Reply reply, CompletableFuture<Void> answered) {
        switch (reply.type()) {
            case ACCEPTED -> answered.complete(null);
            case APPROVED -> progress.approved(reply.requestId());
            case ISSUED -> progress.issued(reply.requestId(), System.nanoTime());
            default -> {
                // The other final replies end the submission with a RequestNotIssuedException, noted in submit.
            }
        }
    }

    /** Waits for every submission's final reply (each is bounded by its timeout). */
    private static void awaitAll(List<CompletableFuture<Issued>> issued) {
        CompletableFuture.allOf(issued.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * One fresh key and request per host ({@code bench-RUN-i.example.com}, also its name's prefix), made before any
     * timing starts.
     */
    private List<Planned> plan(int count) throws Exception {
        Pkcs10 pkcs10 = new Pkcs10();
        List<Planned> planned = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String requestId = "bench-" + run + "-" + i;
            String host = requestId + DOMAIN;
            planned.add(new Planned(requestId, CsrObjectBuilder.forPem(pkcs10.request(host, host), SIGNER, USAGES)
                    .generateName(requestId + "-")
                    .expiration(IssuanceBenchmark.CERTIFICATE_LIFETIME)
                    .build()));
        }
        return planned;
    }
}
