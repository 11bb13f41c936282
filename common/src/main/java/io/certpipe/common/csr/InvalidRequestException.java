package io.certpipe.common.csr;

/** {@code spec.request} is not a usable PKCS#10 request; the message says why, in words for the person who sent it. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
