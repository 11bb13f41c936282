package io.certpipe.approval;

import java.nio.file.Path;
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
}
