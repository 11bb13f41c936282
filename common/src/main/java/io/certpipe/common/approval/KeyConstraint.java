package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.signer.SubjectKey;

/**
 * What subject key a request may carry.
 *
 * @param allowed the kinds of key of which the request's must be one; absent: any key certpipe's key policy accepts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyConstraint(List<KeyRule> allowed) implements Constraint {

    public KeyConstraint {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        if (allowed == null) {
            return;
        }
        SubjectKey key;
        try {
            key = SubjectKey.of(request.parsed());
        } catch (IllegalArgumentException malformed) {
            broken.add(new BrokenConstraint(field + ".allowed", malformed.getMessage()));
            return;
        }
        if (allowed.stream().noneMatch(rule -> rule.permits(key))) {
            broken.add(BrokenConstraint.notPermitted(field + ".allowed", describe(key),
                    allowed.stream().map(KeyRule::description).toList()));
        }
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        if (allowed == null) {
            return;
        }
        if (allowed.isEmpty()) {
            problems.add(new FieldProblem(field + ".allowed", "permits no key at all; leave keys out to permit any"));
        }
        for (int i = 0; i < allowed.size(); i++) {
            allowed.get(i).addProblems(field + ".allowed[" + i + "]", problems);
        }
    }

    private static String describe(SubjectKey key) {
        return switch (key.algorithm()) {
            case SubjectKey.RSA -> "RSA key of " + key.rsaBits() + " bits";
            case SubjectKey.ECDSA -> "ECDSA key on curve "
                    + (key.nistCurve() != null ? key.nistCurve() : key.curveName());
            default -> key.algorithm() + " key";
        };
    }
}
