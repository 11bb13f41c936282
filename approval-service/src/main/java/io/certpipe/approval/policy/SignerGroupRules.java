package io.certpipe.approval.policy;

import java.util.List;
import java.util.Optional;

import io.certpipe.common.event.DecisionData;

/**
 * Approves a request when the requesting user is a member of a group that a configured rule lets have certificates
 * from the requested signer ({@code certpipe.approval.group-rules[n]}). The first matching rule is named in the
 * message, so the stream alone tells which rule let the request through.
 */
public class SignerGroupRules implements ApprovalPolicy {

    public static final String NAME = "signer-group-rule";

    private final List<SignerGroupRule> rules;

    public SignerGroupRules(List<SignerGroupRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<DecisionData> evaluate(CandidateRequest request) {
        for (int index = 0; index < rules.size(); index++) {
            SignerGroupRule rule = rules.get(index);
            if (rule.signer().equals(request.csr().signerName()) && request.csr().groups().contains(rule.group())) {
                return Optional.of(autoApprove("Auto approving: members of group '" + rule.group()
                        + "' may have certificates from signer '" + rule.signer()
                        + "' (rule certpipe.approval.group-rules[" + index + "])."));
            }
        }
        return Optional.empty();
    }
}
