package io.certpipe.common.approval;

import java.util.Map;
import java.util.Optional;

/**
 * The cluster's answers to the {@link AccessCheck}s a request needs ({@link ApprovalEngine#accessChecks}), found by
 * the caller (approval-service asks intake's SubjectAccessReview API). A question without an answer leaves the
 * policies that asked it unevaluable, never permitted.
 */
@FunctionalInterface
public interface AccessAnswers {

    /** No answers at all. */
    AccessAnswers NONE = check -> Optional.empty();

    /** Whether the cluster allows {@code check}; empty when it was not answered. */
    Optional<Boolean> allows(AccessCheck check);

    /** The answers in {@code answers}; a question missing from it is unanswered. */
    static AccessAnswers of(Map<AccessCheck, Boolean> answers) {
        Map<AccessCheck, Boolean> copy = Map.copyOf(answers);
        return check -> Optional.ofNullable(copy.get(check));
    }
}
