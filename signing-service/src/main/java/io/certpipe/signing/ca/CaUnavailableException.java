package io.certpipe.signing.ca;

import io.certpipe.common.consumer.TransientException;

/**
 * A request names a signer whose CA cannot sign now: its files are present but unusable, or its key failed to sign
 * (a token that does not answer). Transient: the approval is retried in place, up to the consumers' retry bound, in
 * case the key comes back or an operator repairs the files and restarts the service (the approval, not yet
 * committed, is then read again).
 */
public class CaUnavailableException extends TransientException {

    public CaUnavailableException(SignerId signer, String problem) {
        super("the CA of " + signer + " is unavailable: " + problem);
    }

    public CaUnavailableException(SignerId signer, String problem, Throwable cause) {
        super("the CA of " + signer + " is unavailable: " + problem, cause);
    }
}
