package io.certpipe.approval.access;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a cluster's API made of one call, when asking again now would not change it. A failure that can pass is no
 * answer but an {@link IntakeUnavailableException}.
 */
public sealed interface IntakeAnswer {

    /** A 2xx answer and its JSON body. */
    record Answered(JsonNode body) implements IntakeAnswer {
    }

    /**
     * No answer to be had: approval-service has no usable credentials for the cluster, the API refused the call (401,
     * 403, 404, any other 4xx) or answered without JSON. {@code reason} says which, for the log.
     */
    record Unanswered(String reason) implements IntakeAnswer {
    }
}
