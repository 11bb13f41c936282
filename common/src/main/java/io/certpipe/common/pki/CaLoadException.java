package io.certpipe.common.pki;

/** A CA's files are missing or unusable. The message names the file and the problem, never key material. */
public class CaLoadException extends Exception {

    public CaLoadException(String message) {
        super(message);
    }

    public CaLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
