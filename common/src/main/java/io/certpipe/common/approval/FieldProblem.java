package io.certpipe.common.approval;

import java.util.List;
import java.util.function.Function;

/**
 * What is wrong with one field of a policy, named by its path as a Kubernetes API server names it in a refusal
 * ({@code spec.constraints.ipAddresses.allowed[1]}).
 */
public record FieldProblem(String field, String message) {

    /** Adds a problem at {@code field[i]} for each value whose {@code problemOf} is not null. */
    static void checkEach(String field, List<String> values, Function<String, String> problemOf,
            List<FieldProblem> problems) {
        for (int i = 0; i < values.size(); i++) {
            String problem = problemOf.apply(values.get(i));
            if (problem != null) {
                problems.add(new FieldProblem(field + "[" + i + "]", problem));
            }
        }
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
