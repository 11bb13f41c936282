package io.certpipe.common.approval;

import java.util.List;

import io.certpipe.common.event.DecisionData;

/**
 * The engine's decision on one request, and every policy's verdict that led to it (in name order), for a dry run or a
 * human to read.
 */
public record ApprovalOutcome(DecisionData decision, List<PolicyEvaluation> evaluations) {

    public ApprovalOutcome {
        evaluations = List.copyOf(evaluations);
    }
}
