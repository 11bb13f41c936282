package io.certpipe.approval;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** How approval-service decides and how it retries when its database is unavailable. */
@ConfigMapping(prefix = "certpipe.approval")
public interface ApprovalConfig {

    /**
     * Signers that members of a group may have certificates from without a human, checked in order after the kubelet
     * client rule. Empty by default: only Kubernetes' built-in kubelet approval applies.
     */
    List<GroupRule> groupRules();


    /** One "members of this group may have certificates from this signer" rule. */
    interface GroupRule {

        /** The signer name the rule covers, e.g. {@code kubernetes.io/kube-apiserver-client}. */
        String signer();

        /** The group whose members are auto-approved for that signer. */
        String group();
    }

}
