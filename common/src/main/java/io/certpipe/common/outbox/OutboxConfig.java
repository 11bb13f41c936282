package io.certpipe.common.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the transactional outbox relay sends what services commit. */
@ConfigMapping(prefix = "certpipe.outbox")
public interface OutboxConfig {

    /** Most records the relay reads and sends in one round. */
    @WithDefault("500")
    int batchSize();

    /**
     * How often the relay looks for records even when nobody woke it. Commits wake it at once; this only bounds how
     * long records left by a crash (committed, never sent) wait after a restart-free recovery of the broker.
     */
    @WithDefault("5s")
    Duration sweepInterval();

    /** Pause before the relay retries after the broker refused or timed out a send. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How long one send waits for the broker's acknowledgement before the round is retried. */
    @WithDefault("30s")
    Duration sendTimeout();
}
