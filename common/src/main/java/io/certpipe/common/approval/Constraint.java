package io.certpipe.common.approval;

import java.util.List;

/** One constraint of a policy's {@code spec.constraints}, applied and validated under its field path. */
interface Constraint {

    /** Adds what {@code request} breaks of this constraint, each named under {@code field}. */
    void check(CandidateRequest request, String field, List<BrokenConstraint> broken);

    /** Adds what is wrong with this constraint as declared, each named under {@code field}. */
    void addProblems(String field, List<FieldProblem> problems);
}
