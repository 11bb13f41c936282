package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the subject's common name may be: the user the certificate will log in as.
 *
 * @param patterns {@link Glob}s of which the common name must match one ({@code system:node:*}); absent: any
 * @param equalsRequester whether the common name must be the requesting user's name, so that nobody asks for a
 *        certificate in another's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommonNameConstraint(List<String> patterns, boolean equalsRequester) implements Constraint {

    public CommonNameConstraint {
        patterns = patterns == null ? null : List.copyOf(patterns);
    }

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        String commonName = request.parsed().subject().commonName();
        if (patterns != null && patterns.stream().noneMatch(pattern -> Glob.matches(pattern, commonName))) {
            broken.add(BrokenConstraint.notPermitted(field + ".patterns", "common name \"" + commonName + "\"",
                    patterns));
        }
        if (equalsRequester && !commonName.equals(request.csr().username())) {
            broken.add(new BrokenConstraint(field + ".equalsRequester", "common name \"" + commonName
                    + "\" is not the requesting user \"" + request.csr().username() + "\""));
        }
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        if (patterns != null) {
            FieldProblem.checkEach(field + ".patterns", patterns, Glob::problemWith, problems);
        }
    }
}
