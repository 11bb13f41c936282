package io.certpipe.common.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Backoff of the in-place retry of a record that failed for a temporary reason (database down), in every service. */
@ConfigMapping(prefix = "certpipe.consumer.retry")
public interface ConsumerRetryConfig {

    /** Pause before the first retry. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Longest pause between retries; retries go on for as long as the failure lasts. */
    @WithDefault("10s")
    Duration maxBackoff();
}
