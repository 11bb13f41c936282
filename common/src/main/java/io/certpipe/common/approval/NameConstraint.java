package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a request may carry of one kind of subject alternative name ({@code ipAddresses}, {@code emailAddresses},
 * {@code uris}; DNS names have {@link DnsNameConstraint}).
 *
 * <p>An absent {@code allowed} leaves the names of this kind free; an empty one ({@code []}) permits none. That is
 * the reverse of a signer profile, whose names are closed unless listed: a policy only judges whether a request may go
 * on without a human, and the signer's profile still closes the names when it signs. {@code maxCount} and
 * {@code required} hold whatever {@code allowed} says.
 *
 * @param allowed patterns of which every name must match one; absent: any name
 * @param maxCount the most names of this kind; absent: any number
 * @param required whether at least one name of this kind must be present
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NameConstraint(List<String> allowed, Integer maxCount, boolean required) {

    public NameConstraint {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }

    /** None of this kind at all. */
    public static NameConstraint none() {
        return new NameConstraint(List.of(), null, false);
    }

    /** Only names matching {@code allowed}, any number of them. */
    public static NameConstraint allowing(List<String> allowed) {
        return new NameConstraint(allowed, null, false);
    }

    /** This constraint applied to the names of {@code kind}. */
    Constraint on(NameKind kind) {
        return new Constraint() {
            @Override
            public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
                kind.check(request.parsed(), allowed, maxCount, required, field, broken);
            }

            @Override
            public void addProblems(String field, List<FieldProblem> problems) {
                kind.addProblems(allowed, maxCount, required, field, problems);
            }
        };
    }
}
