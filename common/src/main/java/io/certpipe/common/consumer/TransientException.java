package io.certpipe.common.consumer;

/**
 * A service's own failure that can pass with the record unchanged: something the service needs is unavailable for now
 * (a CA key that does not sign). {@link TransientFailures} retries it like a database outage, within the same bound.
 */
public abstract class TransientException extends RuntimeException {

    protected TransientException(String message) {
        super(message);
    }

    protected TransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
