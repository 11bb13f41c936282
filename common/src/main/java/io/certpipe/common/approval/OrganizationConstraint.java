package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What organizations (O, the certificate's groups) the subject may carry, as {@link Glob}s.
 *
 * @param allowed patterns of which every organization must match one; absent: any organization
 * @param required patterns of which each must be matched by an organization of the subject
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationConstraint(List<String> allowed, List<String> required) implements Constraint {

    public OrganizationConstraint {
        allowed = allowed == null ? null : List.copyOf(allowed);
        required = required == null ? List.of() : List.copyOf(required);
    }

    /** Exactly these organizations: all of them and no other. */
    public static OrganizationConstraint exactly(List<String> organizations) {
        return new OrganizationConstraint(organizations, organizations);
    }

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        List<String> organizations = request.parsed().subject().organizations();
        if (allowed != null) {
            for (String organization : organizations) {
                if (allowed.stream().noneMatch(pattern -> Glob.matches(pattern, organization))) {
                    broken.add(BrokenConstraint.notPermitted(field + ".allowed",
                            "organization \"" + organization + "\"", allowed));
                }
            }
        }
        for (String pattern : required) {
            if (organizations.stream().noneMatch(organization -> Glob.matches(pattern, organization))) {
                broken.add(new BrokenConstraint(field + ".required", "organization \"" + pattern
                        + "\" is required"));
            }
        }
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        if (allowed != null) {
            FieldProblem.checkEach(field + ".allowed", allowed, Glob::problemWith, problems);
        }
        FieldProblem.checkEach(field + ".required", required, Glob::problemWith, problems);
    }
}
