package io.certpipe.intake.csr;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.EventType;

/** What a {@link CsrChange} does to a stored request, decided before anything is written. */
public sealed interface Outcome {

    /** The request as this outcome leaves it, before a revision is assigned; null when dropped. */
    StoredCsr csr();

    /** Nothing visible changes: no revision, no event. {@code csr} is the request as it is, or null when dropped. */
    record Unchanged(StoredCsr csr) implements Outcome {
    }

    /** The request is created or its status moves forward; {@code event} reports it. */
    record Written(StoredCsr csr, EventType event, Actor actor, String reason, String message) implements Outcome {
    }

    /**
     * Only labels or annotations changed: a new revision and a watch event, but no lifecycle event, since neither the
     * request nor its status moved.
     */
    record Relabelled(StoredCsr csr) implements Outcome {
    }

    /**
     * One more person approved a request whose signer needs several: a new revision, a watch event and an Event of
     * the request, but no lifecycle event, since it is still pending. {@code message} says how many have approved.
     */
    record ApprovalRecorded(StoredCsr csr, Actor actor, String message) implements Outcome {
    }

    /** The request is deleted; a {@code DELETED} event reports its last state. */
    record Removed(StoredCsr csr, Actor actor, String reason, String message) implements Outcome {
    }

    /** An event about a request that no longer exists (or never did): it is dropped. */
    static Outcome dropped() {
        return new Unchanged(null);
    }
}
