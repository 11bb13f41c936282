package io.certpipe.common.approval;

import java.util.List;
import java.util.stream.Collectors;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;

/** How the verdicts of the policies, in name order, make one decision ({@link ApprovalEngine} tells the rules). */
final class Decisions {

    private static final String LEFT_FOR_A_HUMAN = "left for a human (kubectl certificate approve|deny)";

    private Decisions() {
    }

    static DecisionData combine(CsrSnapshot csr, List<PolicyEvaluation> evaluations) {
        List<PolicyEvaluation> selecting = evaluations.stream()
                .filter(evaluation -> !(evaluation instanceof PolicyEvaluation.NotSelected))
                .toList();
        if (selecting.isEmpty()) {
            return defer(ApprovalEngine.NO_POLICY_MATCHED, "No approval policy selects the request (signer "
                    + csr.signerName() + ", requester " + csr.username() + "); " + LEFT_FOR_A_HUMAN + ".");
        }
        for (PolicyEvaluation evaluation : selecting) {
            if (evaluation instanceof PolicyEvaluation.Permitted permitted) {
                return new DecisionData(Actor.policy(permitted.policy()), Verdict.APPROVE,
                        ApprovalEngine.AUTO_APPROVED, "Approved by policy " + permitted.policy() + ", which checked "
                                + permitted.checkedInWords() + ".");
            }
        }
        boolean someUnevaluable = selecting.stream()
                .anyMatch(evaluation -> evaluation instanceof PolicyEvaluation.Unevaluable);
        List<PolicyEvaluation.Violated> denying = selecting.stream()
                .filter(evaluation -> evaluation instanceof PolicyEvaluation.Violated violated && violated.denies())
                .map(PolicyEvaluation.Violated.class::cast)
                .toList();
        // A policy that could not be evaluated might have permitted the request, and a denial is final: a person
        // decides instead, with every policy's verdict before them.
        if (!denying.isEmpty() && !someUnevaluable) {
            return new DecisionData(Actor.policy(denying.getFirst().policy()), Verdict.DENY,
                    ApprovalEngine.AUTO_DENIED, denying.stream()
                            .map(violated -> "Denied by policy " + violated.policy() + ": " + violated.brokenInWords()
                                    + ".")
                            .collect(Collectors.joining(" ")));
        }
        return defer(someUnevaluable ? ApprovalEngine.POLICY_NOT_EVALUABLE : ApprovalEngine.NO_POLICY_PERMITTED,
                "No approval policy permitted the request; " + LEFT_FOR_A_HUMAN + ". " + selecting.stream()
                        .map(PolicyEvaluation::explanation)
                        .collect(Collectors.joining(" ")));
    }

    static DecisionData unparseable(String problem) {
        return defer(ApprovalEngine.UNPARSEABLE_REQUEST, "The request could not be parsed (" + problem + "); "
                + LEFT_FOR_A_HUMAN + ".");
    }

    private static DecisionData defer(String reason, String message) {
        return new DecisionData(Actor.policy(ApprovalEngine.NO_POLICY), Verdict.DEFER, reason, message);
    }
}
