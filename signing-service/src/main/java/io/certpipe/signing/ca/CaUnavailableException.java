package io.certpipe.signing.ca;

/**
 * A request names a signer whose CA files are present but unusable. Temporary: the record is retried until an operator
 * repairs the files and restarts the service; it never becomes a {@code Failed} condition.
 */
public class CaUnavailableException extends RuntimeException {

    public CaUnavailableException(SignerId signer, String problem) {
        super("the CA of " + signer + " is unavailable: " + problem);
    }
}
