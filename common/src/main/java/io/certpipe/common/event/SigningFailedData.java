package io.certpipe.common.event;

/** A terminal refusal by signing-service; intake records it as the {@code Failed} condition. */
public record SigningFailedData(Actor actor, String signerName, String reason, String message) implements EventData {

    public static final String SIGNER_VALIDATION_FAILURE = "SignerValidationFailure";
}
