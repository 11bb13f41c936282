package io.certpipe.common.approval;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.event.CsrSnapshot;

/**
 * Decides a new request with a set of {@link ApprovalPolicy}s, as cert-manager's approver-policy combines its
 * policies. Every policy is evaluated, in name order, so that the decision never depends on the order the policies
 * arrived in:
 * <ol>
 * <li>A request whose PKCS#10 cannot be parsed is deferred ({@value #UNPARSEABLE_REQUEST}).
 * <li>When no policy selects the request, it is deferred ({@value #NO_POLICY_MATCHED}).
 * <li>When a selecting policy permits it, it is approved ({@value #AUTO_APPROVED}) by the first such policy.
 * <li>Otherwise, when a selecting policy it violates says {@code onViolation: Deny}, and every selecting policy could
 * be evaluated, it is denied ({@value #AUTO_DENIED}) by the first such policy, and the message names every denying
 * policy and each constraint broken. (One that could not be evaluated might have permitted it; a denial is final.)
 * <li>Otherwise it is deferred: {@value #POLICY_NOT_EVALUABLE} when a selecting policy could not be evaluated,
 * {@value #NO_POLICY_PERMITTED} when none could permit it; the message says what each selecting policy made of it, so
 * that {@code kubectl describe csr} tells the human why it is theirs to decide.
 * </ol>
 * A deferral is taken by no policy (actor {@value #NO_POLICY}) and changes nothing.
 *
 * <p>The engine does no I/O. A policy with {@code requesterAccess} needs the cluster's answer to access questions:
 * the caller asks {@link #accessChecks} first, resolves them, and passes the answers to {@link #decide}.
 */
public final class ApprovalEngine {

    /** The actor name of a deferral: no policy took the decision. */
    public static final String NO_POLICY = "none";
    public static final String NO_POLICY_MATCHED = "NoPolicyMatched";
    public static final String UNPARSEABLE_REQUEST = "UnparseableRequest";
    /** The reason Kubernetes' own approver gives for an automatic approval. */
    public static final String AUTO_APPROVED = "AutoApproved";
    public static final String AUTO_DENIED = "AutoDenied";
    public static final String NO_POLICY_PERMITTED = "NoPolicyPermitted";
    public static final String POLICY_NOT_EVALUABLE = "PolicyNotEvaluable";

    private final List<ApprovalPolicy> policies;

    /** @throws IllegalArgumentException when two policies have one name, naming it */
    public ApprovalEngine(Collection<ApprovalPolicy> policies) {
        this.policies = policies.stream().sorted(Comparator.comparing(ApprovalPolicy::name)).toList();
        for (int i = 1; i < this.policies.size(); i++) {
            String name = this.policies.get(i).name();
            if (name.equals(this.policies.get(i - 1).name())) {
                throw new IllegalArgumentException("approval policy \"" + name + "\" is declared more than once");
            }
        }
    }

    /** The access questions the policies that select {@code csr} need answered, each once. */
    public Set<AccessCheck> accessChecks(CsrSnapshot csr) {
        return policies.stream()
                .flatMap(policy -> policy.accessChecks(csr).stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The decision on {@code csr}, given the cluster's {@code answers} to {@link #accessChecks}. */
    public ApprovalOutcome decide(CsrSnapshot csr, AccessAnswers answers) {
        ParsedRequest parsed;
        try {
            // intake verified the request's signature when it admitted it, and signed the event it came in.
            parsed = CertificationRequests.parseAdmittedPem(csr.request());
        } catch (InvalidRequestException e) {
            List<PolicyEvaluation> evaluations = policies.stream()
                    .map(policy -> policy.evaluateUnparseable(csr, e.getMessage()))
                    .toList();
            return new ApprovalOutcome(Decisions.unparseable(e.getMessage()), evaluations);
        }
        CandidateRequest request = new CandidateRequest(csr, parsed);
        List<PolicyEvaluation> evaluations = policies.stream()
                .map(policy -> policy.evaluate(request, answers))
                .toList();
        return new ApprovalOutcome(Decisions.combine(csr, evaluations), evaluations);
    }
}
