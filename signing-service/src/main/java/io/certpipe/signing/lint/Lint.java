package io.certpipe.signing.lint;

/**
 * The checks a to-be-signed certificate passes before the CA key signs it. Each names the defect it finds; a request
 * that fails one ends {@code Failed} with the reason {@code Lint<defect>}, and the failure is counted per lint.
 */
public enum Lint {
    VALIDITY_WITHIN_ISSUER("ValidityOutsideIssuer"),
    SERIAL_NUMBER("BadSerialNumber"),
    SUBJECT("MalformedSubject"),
    ALTERNATIVE_NAMES("MalformedAlternativeName"),
    SERVER_AUTH_NAMES_A_HOST("ServerAuthWithoutHostName"),
    KEY_USAGE_FITS_KEY("KeyUsageInconsistentWithKey"),
    UNIQUE_EXTENSIONS("DuplicateExtension"),
    CA_BIT_FITS_PROFILE("CaBitInconsistentWithProfile");

    private final String defect;

    Lint(String defect) {
        this.defect = defect;
    }

    /** The defect, as metrics name it: {@code DuplicateExtension}. */
    public String defect() {
        return defect;
    }

    /** The {@code Failed} condition's reason: {@code LintDuplicateExtension}. */
    public String reason() {
        return "Lint" + defect;
    }
}
