package io.certpipe.automation.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The submissions waiting for their final reply, by requestId. A submission leaves as soon as its result is settled,
 * whatever settled it (its final reply, its timeout, a failed send, the caller cancelling, the client closing), so a
 * later reply to it finds nobody and is ignored.
 */
final class PendingRequests {

    private final Map<String, Submission> waiting = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("certpipe-automation-timeouts").factory());
    /** Why no submission is taken any more, once none is. */
    private Supplier<IllegalStateException> refusal;

    PendingRequests() {
        // A request settled in time must not keep its timeout task until the timeout would have fired.
        timeouts.setRemoveOnCancelPolicy(true);
    }

    /** Starts waiting for {@code requestId}, for at most {@code timeout}. */
    synchronized Submission register(String requestId, Duration timeout, Consumer<Reply> onReply) {
        if (refusal != null) {
            throw refusal.get();
        }
        var submission = new Submission(requestId, onReply);
        if (waiting.putIfAbsent(requestId, submission) != null) {
            throw new IllegalStateException("request " + requestId + " is already waiting for its replies");
        }
        var timer = timeouts.schedule(() -> submission.fail(new TimeoutException("request " + requestId
                + " had no final reply within " + timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
        submission.result().whenComplete((issued, failure) -> {
            timer.cancel(false);
            waiting.remove(requestId, submission);
        });
        return submission;
    }

    /** Hands {@code reply} to the submission waiting for its request; a reply nobody waits for is ignored. */
    void dispatch(Reply reply) {
        var submission = waiting.get(reply.requestId());
        if (submission != null) {
            submission.receive(reply);
        }
    }

    int size() {
        return waiting.size();
    }

    /** The client is closing: every submission still waiting fails with a {@link CancellationException}. */
    void close() {
        stop(() -> new IllegalStateException("the automation client is closed"),
                submission -> new CancellationException("the automation client was closed before request "
                        + submission.requestId() + " had its final reply"));
    }

    /** No reply can arrive any more: every submission still waiting fails with {@code cause}. */
    void failAll(RuntimeException cause) {
        stop(() -> new IllegalStateException("the automation client no longer reads its replies", cause),
                submission -> cause);
    }

    /** Stops waiting for good: later registrations are refused with {@code refusal}. */
    private synchronized void stop(Supplier<IllegalStateException> refusal,
            Function<Submission, Throwable> failureOf) {
        if (this.refusal == null) {
            this.refusal = refusal;
        }
        for (var submission : new ArrayList<>(waiting.values())) {
            submission.fail(failureOf.apply(submission));
        }
        timeouts.shutdownNow();
    }
}
