package io.certpipe.approval.policy;

import java.util.Optional;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;

/**
 * One rule that may decide a new request. Policies are asked in order by {@link PolicyChain}; the first that returns a
 * verdict decides, and a policy with no opinion returns empty so the next one is asked. The full policy engine and the
 * human approver console plug in here as further implementations.
 */
public interface ApprovalPolicy {

    /** The reason Kubernetes' own approver gives for an automatic approval. */
    String AUTO_APPROVED = "AutoApproved";

    /** The name recorded as the deciding actor ({@code Actor.policy(name)}) in the decision event. */
    String name();

    /** This policy's verdict on {@code request}, or empty when it has no opinion. */
    Optional<DecisionData> evaluate(CandidateRequest request);

    /** An automatic approval by this policy, with {@code message} saying why. */
    default DecisionData autoApprove(String message) {
        return new DecisionData(Actor.policy(name()), Verdict.APPROVE, AUTO_APPROVED, message);
    }
}
