package io.certpipe.approval.policy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.certpipe.approval.ApprovalConfig;

/** The policies approval-service applies, in the order they are asked. */
@ApplicationScoped
public class ApprovalPolicies {

    @Produces
    @Singleton
    PolicyChain policyChain(ApprovalConfig config) {
        List<SignerGroupRule> groupRules = config.groupRules().stream()
                .map(rule -> new SignerGroupRule(rule.signer(), rule.group()))
                .toList();
        return new PolicyChain(List.of(new KubeletClientSelfApproval(), new SignerGroupRules(groupRules)));
    }
}
