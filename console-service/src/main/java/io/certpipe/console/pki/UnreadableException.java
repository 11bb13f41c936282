package io.certpipe.console.pki;

/** A request or certificate the console cannot decode; the page says so in place of the decoded fields. */
public class UnreadableException extends Exception {

    UnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
