package io.certpipe.intake.csr;

import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes what follows from a lifecycle event in the transaction that stages it, so that it commits exactly when the
 * event does: the replies automation clients are owed ({@code AutomationReplies}).
 */
public interface LifecycleFollower {

    /** Called in {@code session}'s transaction once {@code csr}'s {@code type} event with {@code data} is staged. */
    Uni<Void> staged(Mutiny.Session session, EventType type, StoredCsr csr, LifecycleData data);
}
