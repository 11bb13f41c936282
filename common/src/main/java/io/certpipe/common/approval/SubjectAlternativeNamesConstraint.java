package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.csr.ParsedRequest;

/**
 * How many subject alternative names a request may carry, all kinds together.
 *
 * @param maxCount the most names; absent: any number, 0: none at all
 * @param atLeastOne whether at least one name (of any kind the other constraints leave) must be present
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubjectAlternativeNamesConstraint(Integer maxCount, boolean atLeastOne) implements Constraint {

    /** No subject alternative name at all. */
    public static final SubjectAlternativeNamesConstraint NONE = new SubjectAlternativeNamesConstraint(0, false);

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        int count = count(request.parsed());
        if (maxCount != null && count > maxCount) {
            broken.add(new BrokenConstraint(field + ".maxCount", count
                    + " subject alternative names requested, at most " + maxCount + " permitted"));
        }
        if (atLeastOne && count == 0) {
            broken.add(new BrokenConstraint(field + ".atLeastOne",
                    "at least one subject alternative name is required"));
        }
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        if (maxCount != null && maxCount < 0) {
            problems.add(new FieldProblem(field + ".maxCount", "must not be negative"));
        }
        if (atLeastOne && maxCount != null && maxCount == 0) {
            problems.add(new FieldProblem(field + ".atLeastOne", "a name is required but maxCount permits none"));
        }
    }

    private static int count(ParsedRequest request) {
        return request.dnsNames().size() + request.ipAddresses().size() + request.emailAddresses().size()
                + request.uris().size();
    }
}
