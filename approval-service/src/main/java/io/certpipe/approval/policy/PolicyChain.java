package io.certpipe.approval.policy;

import java.util.List;
import java.util.Optional;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;

/**
 * Asks the approval policies in order; the first verdict wins. When none has one, or the request cannot even be
 * parsed (which includes a subject that reads more than one way), the request is deferred: left pending for a human
 * ({@code kubectl certificate approve|deny}).
 */
public class PolicyChain {

    /** The actor name of a deferral: no policy took the decision. */
    public static final String NO_POLICY = "none";
    public static final String NO_POLICY_MATCHED = "NoPolicyMatched";
    public static final String UNPARSEABLE_REQUEST = "UnparseableRequest";

    private final List<ApprovalPolicy> policies;

    public PolicyChain(List<ApprovalPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public DecisionData decide(CsrSnapshot csr) {
        CandidateRequest request;
        try {
            // intake verified the request's signature when it admitted it, and signed the event it came in.
            request = new CandidateRequest(csr, CertificationRequests.parseAdmittedPem(csr.request()));
        } catch (InvalidRequestException e) {
            return defer(UNPARSEABLE_REQUEST, "The request could not be parsed (" + e.getMessage()
                    + "); no policy approves it. Left for a human.");
        }
        return policies.stream()
                .map(policy -> policy.evaluate(request))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> defer(NO_POLICY_MATCHED, "No approval policy matched; left for a human "
                        + "(kubectl certificate approve|deny)."));
    }

    private static DecisionData defer(String reason, String message) {
        return new DecisionData(Actor.policy(NO_POLICY), Verdict.DEFER, reason, message);
    }
}
