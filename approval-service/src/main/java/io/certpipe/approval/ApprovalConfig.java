package io.certpipe.approval;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where approval-service finds each cluster's approval policies, and how it keeps them (docs/approval.md). */
@ConfigMapping(prefix = "certpipe.approval")
public interface ApprovalConfig {

    /** How approval-service reaches each cluster's API to list its approval policies and ask their access questions. */
    Intake intake();

    /** How fresh approval-service keeps the ApprovalPolicy objects it lists from each cluster's API. */
    Policies policies();

    interface Intake {

        /** intake's API ({@code https://host:port}); ./certpipe passes the local stack's. */
        @WithDefault("https://127.0.0.1:6443")
        URI url();

        /** The CA certificate (PEM) that issued intake's serving certificate. */
        Path trustedCa();

        /**
         * Where approval-service's client certificate of each cluster is: {@code <cluster>/approval-service.crt} and
         * {@code .key} (PEM) below this directory, issued by that cluster's client CA to user
         * {@code certpipe:approval-service}. A cluster without one has no policies approval-service can list: each
         * of its requests is left to a person.
         */
        Path credentials();

        /** How long one call to intake's API (a policy list, a SubjectAccessReview) may take before it is retried. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Policies {

        /**
         * How often approval-service lists again the policies of every cluster it has decided for since it started: a
         * policy created, changed or deleted through intake's API is applied by every instance within about this
         * long. Each instance lists each cluster once per interval, whatever the traffic; no decision waits for it.
         */
        @WithDefault("5s")
        Duration refreshInterval();

        /**
         * How long approval-service goes on deciding with the policies it last listed while intake cannot be reached
         * to list them again (say, while intake restarts). Past it, decisions of that cluster fail and their batch is
         * retried (certpipe.consumer.retry.*) until intake answers: a longer time rides out longer outages, at the
         * price of deciding by policies that may have been changed or deleted meanwhile.
         */
        @WithDefault("5m")
        Duration maxStaleness();
    }
}
