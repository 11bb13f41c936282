package io.certpipe.common.consumer;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * One piece of a consumer's work (one event, or one batch of them) run until it passes, retried in place with backoff
 * while it fails for a transient reason ({@link TransientFailures}) and the bound has not passed. Whatever stops it is
 * handed on as it is, and {@link #attempts()} says how often it ran.
 */
final class TransientRetry {

    /** Logs as the consumer's processing does, so operators find retries beside the records they hold up. */
    private static final Logger LOG = Logger.getLogger(EventProcessing.class);

    private final ConsumerRetryConfig retry;
    private final Instant giveUpAt;
    private final AtomicInteger attempts = new AtomicInteger();

    TransientRetry(ConsumerRetryConfig retry) {
        this.retry = retry;
        this.giveUpAt = Instant.now().plus(retry.giveUpAfter());
    }

    /**
     * Runs {@code work}, described as {@code what} in the log, on {@code context}: retries resubscribe from a timer
     * thread, and Hibernate Reactive must stay on the Vert.x context the record arrived on.
     */
    <T> Uni<T> run(String channel, String what, Supplier<Uni<T>> work, Executor context) {
        return Uni.createFrom().deferred(() -> {
                    attempts.incrementAndGet();
                    return work.get();
                })
                .runSubscriptionOn(context)
                .onFailure(failure -> isRetried(channel, what, failure))
                .retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely();
    }

    int attempts() {
        return attempts.get();
    }

    /** Whether {@code failure} is retried; says so in the log at the first retry only, not at every one. */
    private boolean isRetried(String channel, String what, Throwable failure) {
        boolean retried = TransientFailures.isTransient(failure) && Instant.now().isBefore(giveUpAt);
        if (retried && attempts.get() == 1) {
            LOG.warnf("%s: %s failed, retrying for up to %s: %s", channel, what, retry.giveUpAfter(), failure);
        } else if (retried) {
            LOG.debugf("%s: %s failed again (attempt %d): %s", channel, what, attempts.get(), failure);
        }
        return retried;
    }
}
