package io.certpipe.gc;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long finished and abandoned requests are kept (Kubernetes' cleaner defaults), and how the sweep that expires
 * them runs.
 */
@ConfigMapping(prefix = "certpipe.gc")
public interface GcConfig {

    /** A request with no condition (Pending) expires this long after its creation. */
    @WithDefault("24h")
    Duration pendingDeadline();

    /** An approved request that has its certificate expires this long after the approval. */
    @WithDefault("1h")
    Duration issuedRetention();

    /** A denied request expires this long after the denial. */
    @WithDefault("1h")
    Duration deniedRetention();

    /** A request whose signing failed expires this long after the failure. */
    @WithDefault("1h")
    Duration failedRetention();

    /** An approved request with neither certificate nor failure expires this long after the approval. */
    @WithDefault("24h")
    Duration approvedUnissuedDeadline();

    /**
     * How long the record of a deleted request is kept so that an older event delivered again cannot bring the
     * request back to life.
     */
    @WithDefault("24h")
    Duration tombstoneRetention();

    /** The periodic sweep. */
    Sweep sweep();


    /** The sweep that publishes expirations. */
    interface Sweep {

        /**
         * How often the sweep looks for requests past their deadline; also read by the {@code @Scheduled} expression
         * of {@code ExpirationSweep}, so it must be set in application.properties.
         */
        Duration interval();

        /** An expiration is published again when the request has still not been deleted this long after. */
        @WithDefault("5m")
        Duration resendAfter();

        /** Most expirations published in one transaction. */
        @WithDefault("500")
        int batchSize();
    }

}
