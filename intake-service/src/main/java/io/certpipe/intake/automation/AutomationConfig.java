package io.certpipe.intake.automation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long intake remembers what automation clients asked for (docs/automation.md). */
@ConfigMapping(prefix = "certpipe.intake.automation")
public interface AutomationConfig {

    /**
     * How long a requestId is remembered: sent again within this time, it gets the replies of the request it made;
     * after it, it makes a new request. Longer than any request lives (a pending one expires after a day).
     */
    @WithDefault("7d")
    Duration requestIdRetention();

    /**
     * How long intake remembers the place of each record it answered, to answer a record delivered again (intake
     * stopped after answering it, before its offset was committed, which takes seconds) no second time.
     */
    @WithDefault("1h")
    Duration answeredRecordRetention();

    /** How often requestIds and answered records older than their retention are forgotten. */
    @WithDefault("10m")
    Duration pruneInterval();
}
