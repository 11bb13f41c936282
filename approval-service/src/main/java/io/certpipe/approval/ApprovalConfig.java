package io.certpipe.approval;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How approval-service decides and how it retries when its database is unavailable. */
@ConfigMapping(prefix = "certpipe.approval")
public interface ApprovalConfig {

    /**
     * Signers that members of a group may have certificates from without a human, checked in order after the kubelet
     * client rule. Empty by default: only Kubernetes' built-in kubelet approval applies.
     */
    List<GroupRule> groupRules();

    /** Backoff of the in-place retry of a lifecycle record that failed for a temporary reason (database down). */
    Retry retry();

    /** One "members of this group may have certificates from this signer" rule. */
    interface GroupRule {

        /** The signer name the rule covers, e.g. {@code kubernetes.io/kube-apiserver-client}. */
        String signer();

        /** The group whose members are auto-approved for that signer. */
        String group();
    }

    /** Exponential backoff bounds. */
    interface Retry {

        /** Pause before the first retry. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest pause between retries; retries go on for as long as the failure lasts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }
}
