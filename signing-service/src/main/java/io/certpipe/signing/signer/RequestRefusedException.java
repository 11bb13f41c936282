package io.certpipe.signing.signer;

/**
 * A signer will not issue for a request, whoever approved it: the request is unusable or breaks the signer's rules.
 * Terminal: the request fails with {@code SignerValidationFailure}; the message says why, for the requester.
 */
public class RequestRefusedException extends RuntimeException {

    public RequestRefusedException(String message) {
        super(message);
    }
}
