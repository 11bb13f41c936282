package io.certpipe.common.event;

/** A record that is not a certpipe CloudEvent; consumers park it on their dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
