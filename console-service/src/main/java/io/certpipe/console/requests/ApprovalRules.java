package io.certpipe.console.requests;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who must approve a signer's requests, as its published Signer object says ({@code spec.approval}): how many
 * distinct people, and whether the requester may be one. Absent means Kubernetes' rule: one, anyone allowed.
 */
public record ApprovalRules(int approvers, boolean requesterMayApprove) {

    static ApprovalRules of(JsonNode signer) {
        JsonNode approval = signer.path("spec").path("approval");
        return new ApprovalRules(approval.path("approvers").asInt(1),
                approval.path("requesterMayApprove").asBoolean(true));
    }

    /** Whether more than one approval is needed, or the requester is excluded: worth telling an approver. */
    public boolean isFourEyes() {
        return approvers > 1 || !requesterMayApprove;
    }
}
