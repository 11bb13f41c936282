package io.certpipe.common.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How every service's consumers retry a record that failed for a transient reason ({@link TransientFailures}): in
 * place, with backoff, for a bounded time. The record's partition waits meanwhile, so the bound is what one stubborn
 * record can cost the requests behind it.
 */
@ConfigMapping(prefix = "certpipe.consumer.retry")
public interface ConsumerRetryConfig {

    /** Pause before the first retry. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Longest pause between retries. */
    @WithDefault("10s")
    Duration maxBackoff();

    /**
     * How long a record is retried before it is parked on the consumer's dead-letter topic and its partition moves
     * on. Longer rides out longer database outages without parking anything; shorter holds up fewer requests behind a
     * failure that does not pass.
     */
    @WithDefault("5m")
    Duration giveUpAfter();
}
