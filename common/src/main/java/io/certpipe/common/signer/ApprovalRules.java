package io.certpipe.common.signer;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Separation of duties for the people who approve a signer's requests (through the {@code approval} subresource, as
 * {@code kubectl certificate approve} does): how many distinct approvers a request needs before it is Approved, and
 * whether the person who asked may be one of them. A single denial by an authorised approver still denies. Approval
 * policies are not people: an {@code ApprovalPolicy} that permits a request approves it alone (docs/approval.md).
 *
 * @param approvers distinct people who must approve; absent: 1, as in Kubernetes
 * @param requesterMayApprove whether the requester may approve their own request; absent: true, as in Kubernetes
 */
public record ApprovalRules(Integer approvers, Boolean requesterMayApprove) {

    /** Kubernetes' rules: one approval, by anyone allowed to approve for the signer. */
    public static final ApprovalRules KUBERNETES = new ApprovalRules(1, true);

    /** More would make a request no group of people can realistically finish. */
    private static final int MAX_APPROVERS = 10;

    public ApprovalRules {
        approvers = approvers == null ? 1 : approvers;
        requesterMayApprove = requesterMayApprove == null || requesterMayApprove;
    }

    /** The rules {@code declared}, or Kubernetes' when a signer declares none. */
    public static ApprovalRules orKubernetes(ApprovalRules declared) {
        return declared == null ? KUBERNETES : declared;
    }

    /** Whether {@code user}, who may approve for the signer, may approve a request that {@code requester} made. */
    public boolean mayApprove(String user, String requester) {
        return requesterMayApprove || !user.equals(requester);
    }

    /** What is wrong with these rules as configuration; empty when they are usable. */
    @JsonIgnore
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (approvers < 1 || approvers > MAX_APPROVERS) {
            problems.add("approval.approvers: must be 1 to " + MAX_APPROVERS);
        }
        return problems;
    }
}
