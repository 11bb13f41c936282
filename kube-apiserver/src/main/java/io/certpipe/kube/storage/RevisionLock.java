package io.certpipe.kube.storage;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Each cluster's {@code resourceVersion} counter, shared by every kind stored in the cluster, as etcd's revision is
 * shared by every resource. A writer takes the cluster's lock in its transaction and numbers its changes under it, so
 * revisions are handed out in commit order and the change log can be read in revision order. A transaction that
 * advanced the counter notifies {@link ChangeNotifications#CHANNEL} with the cluster's name, so that every instance's
 * watches hear of the change at its commit.
 */
public interface RevisionLock {

    /** Runs {@code work} in {@code session}'s transaction under the cluster's lock; it numbers its changes. */
    <R> Uni<R> underLock(Mutiny.Session session, String cluster, Function<Revisions, Uni<R>> work);

    /** The latest committed revision, 0 for a cluster nobody has written to yet. */
    Uni<Long> current(Mutiny.Session session, String cluster);

    /** The counter while the lock is held. */
    interface Revisions {

        /** The revision of the next visible change. */
        long bump();
    }
}
