package io.certpipe.approval.access;

import io.certpipe.common.consumer.TransientException;

/** A cluster's API could not answer a SubjectAccessReview now; the batch that asked is retried. */
public class IntakeUnavailableException extends TransientException {

    IntakeUnavailableException(String cluster, Throwable cause) {
        super("cluster " + cluster + "'s API cannot be reached for a SubjectAccessReview: " + cause, cause);
    }

    IntakeUnavailableException(String cluster, int status) {
        super("cluster " + cluster + "'s API answered " + status + " to a SubjectAccessReview");
    }
}
