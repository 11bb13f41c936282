package io.certpipe.common.csr;

/**
 * A subject that could be read as more than one identity ({@link SubjectName#read}); the message says how, in words
 * for the person who made it. Nobody is issued or authenticated by such a subject.
 */
public class AmbiguousSubjectException extends RuntimeException {

    public AmbiguousSubjectException(String message) {
        super(message);
    }
}
