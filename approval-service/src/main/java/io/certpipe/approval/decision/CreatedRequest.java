package io.certpipe.approval.decision;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;

/** A {@code CREATED} lifecycle event and the request it shows. */
public record CreatedRequest(CloudEvent event, CsrSnapshot csr) {

    /** The request's identity: at most one decision each. */
    public record Key(String cluster, String csrUid) {
    }

    public String cluster() {
        return event.cluster();
    }

    public Key key() {
        return new Key(cluster(), event.csruid());
    }
}
