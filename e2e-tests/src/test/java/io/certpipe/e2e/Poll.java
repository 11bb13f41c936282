package io.certpipe.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for the eventually consistent pipeline: asks again until an answer arrives or the deadline passes. */
final class Poll {

    /** Long enough for three Kafka hops on a loaded 2-core machine, short enough to keep the suite quick. */
    static final Duration PIPELINE = Duration.ofSeconds(30);

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /** The first present answer of {@code probe} within {@code timeout}; fails naming {@code what} otherwise. */
    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> answer = probe.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    static <T> T until(String what, Supplier<Optional<T>> probe) {
        return until(what, PIPELINE, probe);
    }
}
