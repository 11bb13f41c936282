package io.certpipe.common.signer;

/**
 * One rule of a signer or of the key policy that a request breaks: a short machine reason and a sentence for the
 * person who sent the request. A check returns every violation it finds, so the requester can fix them all at once.
 */
public record Violation(Reason reason, String message) {

    /** The rule that was broken. */
    public enum Reason {
        KEY_ALGORITHM_NOT_PERMITTED,
        KEY_CURVE_NOT_PERMITTED,
        KEY_TOO_SMALL,
        KEY_TOO_LARGE,
        KEY_IS_A_CA_KEY,
        COMMON_NAME_NOT_PERMITTED,
        ORGANIZATION_NOT_PERMITTED,
        ORGANIZATION_FORBIDDEN,
        ORGANIZATION_REQUIRED,
        ORGANIZATIONAL_UNIT_NOT_PERMITTED,
        ORGANIZATIONAL_UNIT_FORBIDDEN,
        ORGANIZATIONAL_UNIT_REQUIRED,
        DNS_NAME_NOT_PERMITTED,
        WILDCARD_NOT_PERMITTED,
        IP_ADDRESS_NOT_PERMITTED,
        EMAIL_ADDRESS_NOT_PERMITTED,
        URI_NOT_PERMITTED,
        ALTERNATIVE_NAME_REQUIRED,
        USAGE_NOT_PERMITTED,
        USAGE_REQUIRED,
        CA_NOT_PERMITTED
    }

    @Override
    public String toString() {
        return message;
    }
}
