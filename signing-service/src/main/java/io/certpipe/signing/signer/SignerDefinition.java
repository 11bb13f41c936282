package io.certpipe.signing.signer;

import java.nio.file.Path;
import java.util.List;

import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.signing.ca.SignerId;

/**
 * One signer as configured: its rules, who must approve its requests, the directory of the CA that signs for it, and the directories of further CAs
 * whose certificates it publishes beside its own during a rotation (their keys are never loaded).
 */
public record SignerDefinition(SignerId id, SignerPolicy policy, ApprovalRules approval, Path caDirectory,
        List<Path> additionalTrustedCaDirectories) {

    public SignerDefinition {
        approval = ApprovalRules.orKubernetes(approval);
        additionalTrustedCaDirectories = List.copyOf(additionalTrustedCaDirectories);
    }
}
