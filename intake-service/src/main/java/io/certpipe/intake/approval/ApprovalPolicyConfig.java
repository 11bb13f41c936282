package io.certpipe.intake.approval;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ApprovalPolicies every cluster starts with (docs/approval.md). */
@ConfigMapping(prefix = "certpipe.intake.approval")
public interface ApprovalPolicyConfig {

    /**
     * The built-in policies created in every cluster that lacks them, by name: {@code kubelet-client} (Kubernetes'
     * kubelet client certificate approval) and {@code kubelet-serving} (kubelet serving certificates, with
     * kubelet-csr-approver's checks). Created once: an administrator may then edit or delete them with kubectl, and a
     * restart does not bring a deleted one back. Set it to an empty value to start with none.
     */
    @WithDefault("kubelet-client,kubelet-serving")
    Optional<List<String>> builtInPolicies();

    /**
     * YAML files of {@code certpipe.io/v1} {@code ApprovalPolicy} objects (several per file, separated by
     * {@code ---}) applied to every cluster at start, as {@code kubectl apply -f} would: created, or replacing the
     * stored policy of the same name. A file that is missing, unreadable or holds an invalid policy stops intake at
     * start, naming the file, the policy and the field.
     */
    Optional<List<Path>> policyFiles();
}
