package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.signer.SubjectKey;

/**
 * One kind of key a policy permits. certpipe's key policy ({@link io.certpipe.common.signer.KeyPolicy}) still applies
 * when the request is signed; a rule here can only narrow it.
 *
 * @param algorithm {@code RSA}, {@code ECDSA} or {@code Ed25519}
 * @param curves for ECDSA: the NIST curves permitted ({@code P-256}, {@code P-384}, {@code P-521}); absent: any of them
 * @param minSize for RSA: the fewest modulus bits; absent: no lower bound
 * @param maxSize for RSA: the most modulus bits; absent: no upper bound
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyRule(String algorithm, List<String> curves, Integer minSize, Integer maxSize) {

    static final List<String> ALGORITHMS = List.of(SubjectKey.RSA, SubjectKey.ECDSA, SubjectKey.ED25519);

    public KeyRule {
        curves = curves == null ? null : List.copyOf(curves);
    }

    boolean permits(SubjectKey key) {
        if (!key.algorithm().equals(algorithm)) {
            return false;
        }
        return switch (algorithm) {
            case SubjectKey.RSA -> (minSize == null || key.rsaBits() >= minSize)
                    && (maxSize == null || key.rsaBits() <= maxSize);
            case SubjectKey.ECDSA -> key.nistCurve() != null && (curves == null || curves.contains(key.nistCurve()));
            default -> true;
        };
    }

    /** This rule in words: {@code RSA of 2048-4096 bits}, {@code ECDSA P-256 or P-384}, {@code Ed25519}. */
    String description() {
        return switch (algorithm) {
            case SubjectKey.RSA -> SubjectKey.RSA + rsaSizes();
            case SubjectKey.ECDSA -> SubjectKey.ECDSA + " " + String.join(" or ",
                    curves == null ? SubjectKey.NIST_CURVE_NAMES : curves);
            default -> algorithm;
        };
    }

    void addProblems(String field, List<FieldProblem> problems) {
        if (algorithm == null) {
            problems.add(new FieldProblem(field + ".algorithm", "required (one of " + String.join(", ", ALGORITHMS)
                    + ")"));
        } else if (!ALGORITHMS.contains(algorithm)) {
            problems.add(new FieldProblem(field + ".algorithm", "\"" + algorithm + "\" is not one of "
                    + String.join(", ", ALGORITHMS)));
        }
        if (curves != null) {
            if (!SubjectKey.ECDSA.equals(algorithm)) {
                problems.add(new FieldProblem(field + ".curves", "applies to ECDSA keys only"));
            }
            FieldProblem.checkEach(field + ".curves", curves, curve -> SubjectKey.NIST_CURVE_NAMES.contains(curve)
                    ? null : "\"" + curve + "\" is not one of " + String.join(", ", SubjectKey.NIST_CURVE_NAMES),
                    problems);
        }
        addSizeProblem(field + ".minSize", minSize, problems);
        addSizeProblem(field + ".maxSize", maxSize, problems);
        if (minSize != null && maxSize != null && minSize > maxSize) {
            problems.add(new FieldProblem(field + ".minSize", minSize + " is more than maxSize " + maxSize));
        }
    }

    private void addSizeProblem(String field, Integer size, List<FieldProblem> problems) {
        if (size == null) {
            return;
        }
        if (!SubjectKey.RSA.equals(algorithm)) {
            problems.add(new FieldProblem(field, "applies to RSA keys only"));
        } else if (size <= 0) {
            problems.add(new FieldProblem(field, "must be positive"));
        }
    }

    private String rsaSizes() {
        if (minSize != null && maxSize != null) {
            return " of " + minSize + "-" + maxSize + " bits";
        }
        if (minSize != null) {
            return " of at least " + minSize + " bits";
        }
        return maxSize != null ? " of at most " + maxSize + " bits" : "";
    }
}
