package io.certpipe.signing.profile;

/**
 * A request breaks its signer's rules. Terminal: signing-service publishes it as {@code SignerValidationFailure} with
 * this message, and redelivering the request cannot change the outcome.
 */
public class SignerRuleViolation extends RuntimeException {

    public SignerRuleViolation(String message) {
        super(message);
    }
}
