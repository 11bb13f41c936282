package io.certpipe.common.approval;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code spec} of a {@code certpipe.io/v1} {@code ApprovalPolicy}: which requests the policy judges
 * ({@link Selector}), what a request must meet for the policy to permit it ({@link Constraints}), and what becomes of a
 * selected request that breaks a constraint ({@code onViolation}): {@value #DENY} denies it, {@value #IGNORE} (the
 * default) leaves it to the other policies and, failing them, to a human. How the verdicts of several policies make
 * one decision is {@link ApprovalEngine}'s.
 *
 * <p>This record and the types of its fields are the one schema of the kind: their component names are its JSON field
 * names, and they deserialise with Jackson under {@code FAIL_ON_UNKNOWN_PROPERTIES}, so that a strict reader can name
 * a field it does not know. Values Jackson cannot judge are judged by {@link #problems}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalPolicySpec(Selector selector, Constraints constraints, String onViolation) {

    public static final String DENY = "Deny";
    public static final String IGNORE = "Ignore";

    private static final List<String> ON_VIOLATION = List.of(DENY, IGNORE);

    public ApprovalPolicySpec {
        selector = selector == null ? Selector.ALL : selector;
        constraints = constraints == null ? Constraints.NONE : constraints;
        onViolation = onViolation == null ? IGNORE : onViolation;
    }

    /** Whether a selected request that breaks a constraint is denied rather than left to others. */
    public boolean deniesViolations() {
        return DENY.equals(onViolation);
    }

    /** What is wrong with this spec, each problem named by its field path; empty when the policy is usable. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        selector.addProblems(problems);
        constraints.addProblems(problems);
        if (!ON_VIOLATION.contains(onViolation)) {
            problems.add(new FieldProblem("spec.onViolation", "\"" + onViolation + "\" is not one of "
                    + String.join(", ", ON_VIOLATION)));
        }
        return List.copyOf(problems);
    }
}
