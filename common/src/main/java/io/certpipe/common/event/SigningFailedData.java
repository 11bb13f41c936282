package io.certpipe.common.event;

/** A terminal refusal by signing-service; intake records it as the {@code Failed} condition. */
public record SigningFailedData(Actor actor, String signerName, String reason, String message) implements EventData {

    /** The request breaks the signer's rules. */
    public static final String SIGNER_VALIDATION_FAILURE = "SignerValidationFailure";
    /** The CA gave up on the request for a fault of its own, before it reserved a serial for it. */
    public static final String SIGNING_ERROR = "SigningError";
}
