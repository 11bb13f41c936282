package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.csr.KeyUsages;

/**
 * The {@code spec.usages} a request may ask for ({@code certificates.k8s.io/v1} usage strings, {@link KeyUsages}).
 *
 * @param allowed every usage asked for must be one of these; absent: any usage
 * @param required each of these must be asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageConstraint(List<String> allowed, List<String> required) implements Constraint {

    public UsageConstraint {
        allowed = allowed == null ? null : List.copyOf(allowed);
        required = required == null ? List.of() : List.copyOf(required);
    }

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        List<String> usages = request.csr().usages();
        if (allowed != null) {
            usages.stream().distinct().filter(usage -> !allowed.contains(usage)).forEach(usage -> broken.add(
                    BrokenConstraint.notPermitted(field + ".allowed", "usage \"" + usage + "\"", allowed)));
        }
        required.stream().filter(usage -> !usages.contains(usage)).forEach(usage -> broken.add(
                new BrokenConstraint(field + ".required", "usage \"" + usage + "\" is required")));
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        if (allowed != null) {
            FieldProblem.checkEach(field + ".allowed", allowed, UsageConstraint::problemWith, problems);
        }
        FieldProblem.checkEach(field + ".required", required, usage -> {
            String unknown = problemWith(usage);
            if (unknown == null && allowed != null && !allowed.contains(usage)) {
                return "\"" + usage + "\" is required but not allowed";
            }
            return unknown;
        }, problems);
    }

    private static String problemWith(String usage) {
        return KeyUsages.isKnown(usage) ? null : "\"" + usage + "\" is not a certificates.k8s.io/v1 usage";
    }
}
