package io.certpipe.approval;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which approval policies approval-service decides with (docs/approval.md). */
@ConfigMapping(prefix = "certpipe.approval")
public interface ApprovalConfig {

    /**
     * The built-in policies that apply in every cluster, by name: {@code kubelet-client} (Kubernetes' kubelet client
     * certificate approval) and {@code kubelet-serving} (kubelet serving certificates, with kubelet-csr-approver's
     * checks). Set it to an empty value to decide with one's own policies alone.
     */
    @WithDefault("kubelet-client,kubelet-serving")
    Optional<List<String>> builtInPolicies();

    /**
     * YAML files of {@code certpipe.io/v1} {@code ApprovalPolicy} objects (several per file, separated by
     * {@code ---}) that apply in every cluster beside the built-in ones. A file that is missing, unreadable or holds an
     * invalid policy stops the service at start, naming the file, the policy and the field.
     */
    Optional<List<Path>> policyFiles();

    /** How approval-service reaches each cluster's API to ask the SubjectAccessReviews its policies need. */
    Intake intake();

    interface Intake {

        /** intake's API ({@code https://host:port}); ./certpipe passes the local stack's. */
        @WithDefault("https://127.0.0.1:6443")
        URI url();

        /** The CA certificate (PEM) that issued intake's serving certificate. */
        Path trustedCa();

        /**
         * Where approval-service's client certificate of each cluster is: {@code <cluster>/approval-service.crt} and
         * {@code .key} (PEM) below this directory, issued by that cluster's client CA to user
         * {@code certpipe:approval-service}. A cluster without one answers no access question: its policies that ask
         * one leave the request to a person.
         */
        Path credentials();

        /** How long one SubjectAccessReview may take before the batch is retried. */
        @WithDefault("5s")
        Duration timeout();
    }
}
