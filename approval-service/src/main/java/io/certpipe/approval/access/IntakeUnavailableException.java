package io.certpipe.approval.access;

import io.certpipe.common.consumer.TransientException;

/** A cluster's API cannot answer now (unreachable, too slow, 5xx, 429); the batch that needed it is retried. */
public class IntakeUnavailableException extends TransientException {

    IntakeUnavailableException(String cluster, String call, Throwable cause) {
        super("cluster " + cluster + "'s API cannot be reached for " + call + ": " + cause, cause);
    }

    IntakeUnavailableException(String cluster, String call, int status) {
        super("cluster " + cluster + "'s API answered " + status + " to " + call);
    }
}
