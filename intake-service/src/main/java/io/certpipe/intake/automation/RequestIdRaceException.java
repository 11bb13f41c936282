package io.certpipe.intake.automation;

import io.certpipe.common.consumer.TransientException;

/**
 * Another intake instance stored a request under the same client and requestId first (the client sent it twice, to
 * two partitions). Taken again, the record finds that request and is answered as a repeat.
 */
final class RequestIdRaceException extends TransientException {

    RequestIdRaceException(String client, String requestId, Throwable cause) {
        super("client " + client + " sent requestId " + requestId + " twice at once; answering it as a repeat", cause);
    }
}
