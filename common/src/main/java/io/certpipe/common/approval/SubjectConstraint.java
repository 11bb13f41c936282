package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the request's subject may say, read the one way every certpipe service reads it
 * ({@link io.certpipe.common.csr.SubjectName}: one CN at most, each O a group). Either part may be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubjectConstraint(CommonNameConstraint commonName, OrganizationConstraint organizations)
        implements Constraint {

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        if (commonName != null) {
            commonName.check(request, field + ".commonName", broken);
        }
        if (organizations != null) {
            organizations.check(request, field + ".organizations", broken);
        }
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        if (commonName != null) {
            commonName.addProblems(field + ".commonName", problems);
        }
        if (organizations != null) {
            organizations.addProblems(field + ".organizations", problems);
        }
    }
}
