package io.certpipe.common.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.certpipe.common.CertpipeApi;
import io.certpipe.common.event.CsrSnapshot;

/**
 * A named approval policy: the {@code metadata.name} and {@code spec} of a cluster-scoped {@value #API_VERSION}
 * {@value #KIND}. The name orders policies ({@link ApprovalEngine}) and is the actor of the decisions the policy takes.
 */
public record ApprovalPolicy(String name, ApprovalPolicySpec spec) {

    public static final String GROUP = CertpipeApi.GROUP;
    public static final String VERSION = CertpipeApi.VERSION;
    public static final String API_VERSION = CertpipeApi.GROUP_VERSION;
    /** The resource a cluster's API serves the policies as. */
    public static final String RESOURCE = "approvalpolicies";
    public static final String KIND = "ApprovalPolicy";

    public boolean selects(CsrSnapshot csr) {
        return spec.selector().selects(csr);
    }

    /** What is wrong with this policy's spec; empty when it is usable. */
    public List<FieldProblem> problems() {
        return spec.problems();
    }

    /** The access questions this policy asks about {@code csr}: none unless it selects it and is usable. */
    List<AccessCheck> accessChecks(CsrSnapshot csr) {
        return selects(csr) && problems().isEmpty() ? spec.constraints().accessChecks(csr) : List.of();
    }

    /**
     * This policy's verdict on {@code request}. A request that breaks a constraint is {@code Violated} even when an
     * access question is unanswered, since no answer could make the policy permit it; a request that breaks none is
     * {@code Unevaluable} until every question is answered. An invalid policy judges nothing it selects.
     */
    public PolicyEvaluation evaluate(CandidateRequest request, AccessAnswers answers) {
        if (!selects(request.csr())) {
            return new PolicyEvaluation.NotSelected(name);
        }
        List<FieldProblem> problems = problems();
        if (!problems.isEmpty()) {
            return new PolicyEvaluation.Unevaluable(name, "the policy is invalid: " + problems.stream()
                    .map(FieldProblem::toString).collect(Collectors.joining("; ")));
        }
        Constraints constraints = spec.constraints();
        List<BrokenConstraint> broken = new ArrayList<>();
        List<AccessCheck> unanswered;
        try {
            constraints.check(request, broken);
            unanswered = constraints.checkRequesterAccess(request.csr(), answers, broken);
        } catch (RuntimeException e) {
            // Data no constraint foresaw must not stop the consumer: a person decides, told why.
            return new PolicyEvaluation.Unevaluable(name, "the request could not be judged (" + e + ")");
        }
        if (!broken.isEmpty()) {
            return new PolicyEvaluation.Violated(name, broken, spec.deniesViolations());
        }
        if (!unanswered.isEmpty()) {
            return new PolicyEvaluation.Unevaluable(name, "no answer whether the requester \""
                    + request.csr().username() + "\" may " + unanswered.stream().map(AccessCheck::action)
                            .collect(Collectors.joining(", ")));
        }
        return new PolicyEvaluation.Permitted(name, constraints.names());
    }

    /** This policy's verdict on {@code csr} when its PKCS#10 could not be parsed, for {@code problem}. */
    PolicyEvaluation evaluateUnparseable(CsrSnapshot csr, String problem) {
        if (!selects(csr)) {
            return new PolicyEvaluation.NotSelected(name);
        }
        return new PolicyEvaluation.Unevaluable(name, "the request could not be parsed (" + problem + ")");
    }
}
