package io.certpipe.common.consumer;

import java.time.Duration;

import io.certpipe.common.event.signature.TestEventKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Consumer retries for unit tests: milliseconds where a service waits seconds. */
public record QuickRetries(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter)
        implements ConsumerRetryConfig {

    /** Retries a millisecond or two apart, given up after {@code giveUpAfter}. */
    public static QuickRetries givingUpAfter(Duration giveUpAfter) {
        return new QuickRetries(Duration.ofMillis(1), Duration.ofMillis(2), giveUpAfter);
    }

    /** Batch processing with these retries, trusting {@code keys}, counting into a registry of its own. */
    public BatchProcessing batchProcessing(TestEventKeys keys) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new BatchProcessing(new EventProcessing(this, keys.verifier(), meters), this, meters);
    }

    /** Event processing with these retries, trusting {@code keys}, counting into a registry of its own. */
    public EventProcessing processing(TestEventKeys keys) {
        return new EventProcessing(this, keys.verifier(), new SimpleMeterRegistry());
    }
}
