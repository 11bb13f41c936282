package io.certpipe.signing.lint;

/** One defect the pre-issuance lint found in a to-be-signed certificate. */
public record LintFinding(Lint lint, String message) {
}
