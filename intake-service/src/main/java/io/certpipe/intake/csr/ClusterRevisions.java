package io.certpipe.intake.csr;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.chain.LifecycleChain;
import io.certpipe.kube.storage.ChangeNotifications;
import io.certpipe.kube.storage.RevisionLock;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Each cluster's {@code resourceVersion} counter, and the head of its lifecycle chain ({@link LifecycleChain}). A
 * writer locks its cluster's row first and bumps the counter only when it changes something visible, so revisions are
 * handed out in commit order and a no-op costs no revision; the chain head advances under the same lock, so the chain
 * follows commit order too. While the lock is held both advance in memory ({@link Locked}) and are written back once,
 * before the commit, however many changes the transaction makes. Every kind of the cluster is numbered by this counter
 * ({@link RevisionLock}); only requests' changes advance the chain.
 */
@ApplicationScoped
public class ClusterRevisions implements RevisionLock {

    private static final String LOCK = """
            INSERT INTO cluster_revision (cluster, revision) VALUES (:cluster, 0)
            ON CONFLICT (cluster) DO UPDATE SET revision = cluster_revision.revision
            RETURNING revision, lifecycle_sequence, lifecycle_hash""";
    /** Writes the counter and chain head back and, in the same statement, tells every instance's watches. */
    private static final String SAVE = """
            WITH saved AS (
                UPDATE cluster_revision SET revision = :revision, lifecycle_sequence = :sequence, lifecycle_hash = :hash
                WHERE cluster = :cluster
                RETURNING cluster
            )
            SELECT 1 FROM saved, pg_notify(:channel, saved.cluster)""";
    private static final String CURRENT = "SELECT revision FROM cluster_revision WHERE cluster = :cluster";

    /** A cluster's row, locked for the rest of the transaction: its counter and chain head as they advance. */
    public static final class Locked implements RevisionLock.Revisions {

        private final String cluster;
        private final long lockedRevision;
        private long revision;
        private LifecycleChain.Head chainHead;

        private Locked(String cluster, long revision, LifecycleChain.Head chainHead) {
            this.cluster = cluster;
            this.lockedRevision = revision;
            this.revision = revision;
            this.chainHead = chainHead;
        }

        @Override
        public long bump() {
            return ++revision;
        }

        /** The cluster's latest lifecycle link. */
        public LifecycleChain.Head chainHead() {
            return chainHead;
        }

        /** Makes {@code head} the cluster's latest lifecycle link. */
        public void advanceChain(LifecycleChain.Head head) {
            chainHead = head;
        }
    }

    /** Takes the cluster's row lock for the rest of the transaction (creating the row on first use). */
    public Uni<Locked> lock(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(LOCK, Object[].class).setParameter("cluster", cluster).getSingleResult()
                .map(row -> {
                    long sequence = ((Number) row[1]).longValue();
                    LifecycleChain.Head head = sequence == 0 ? LifecycleChain.Head.EMPTY
                            : new LifecycleChain.Head(sequence, (String) row[2]);
                    return new Locked(cluster, ((Number) row[0]).longValue(), head);
                });
    }

    /** Writes what advanced under {@code locked} back to its row; call last in the transaction that locked it. */
    public Uni<Void> save(Mutiny.Session session, Locked locked) {
        if (locked.revision == locked.lockedRevision) {
            // Nothing visible changed, and the chain advances only with a change.
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery(SAVE, Integer.class).setParameter("cluster", locked.cluster)
                .setParameter("channel", ChangeNotifications.CHANNEL)
                .setParameter("revision", locked.revision)
                .setParameter("sequence", locked.chainHead.sequence())
                .setParameter("hash", locked.chainHead.hash())
                .getResultList()
                .replaceWithVoid();
    }

    @Override
    public <R> Uni<R> underLock(Mutiny.Session session, String cluster, Function<Revisions, Uni<R>> work) {
        return lock(session, cluster).chain(locked -> work.apply(locked).call(() -> save(session, locked)));
    }

    @Override
    public Uni<Long> current(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(CURRENT, Long.class).setParameter("cluster", cluster)
                .getSingleResultOrNull()
                .map(revision -> revision == null ? 0L : revision);
    }
}
