package io.certpipe.kube.storage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the change log is kept and watches are served (intake is the API server that serves them). */
@ConfigMapping(prefix = "certpipe.intake.watch")
public interface WatchConfig {

    /**
     * How long the change log keeps each change. A watch may resume from any resourceVersion this recent; an older
     * one is answered 410 Expired and the client lists again. certpipe promises clients at least 15 minutes, so keep it
     * above that; the log's size grows with this times the change rate.
     */
    @WithDefault("1h")
    Duration history();

    /**
     * How often the change feed looks for changes committed by another intake instance. Every commit wakes every
     * instance's feed at once ({@link ChangeNotifications}); the interval bounds how late a change reaches these
     * watchers when that notification was missed.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often changes older than {@link #history()} are deleted from the log. */
    @WithDefault("1m")
    Duration pruneInterval();

    /**
     * How often a watch that allows bookmarks gets one (Kubernetes sends them about every minute, and once more two
     * seconds before the watch times out), so that its client can resume from a recent resourceVersion.
     */
    @WithDefault("1m")
    Duration bookmarkInterval();
}
