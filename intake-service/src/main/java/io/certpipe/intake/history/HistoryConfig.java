package io.certpipe.intake.history;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long intake keeps each request's Events. */
@ConfigMapping(prefix = "certpipe.intake.history")
public interface HistoryConfig {

    /**
     * How long an Event is kept after it was recorded; it outlives its request, so an expired or deleted request's
     * history can still be read. Kubernetes keeps events one hour by default; certpipe keeps them a day.
     */
    @WithDefault("24h")
    Duration retention();

    /** How often events past the retention are deleted. */
    @WithDefault("10m")
    Duration pruneInterval();
}
