package io.certpipe.intake.csr;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.chain.LifecycleChain;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Each cluster's {@code resourceVersion} counter, and the head of its lifecycle chain ({@link LifecycleChain}). A
 * writer locks its cluster's row first and bumps it only when it changes something visible, so revisions are handed
 * out in commit order and a no-op costs no revision; the chain head advances under the same lock, so the chain follows
 * commit order too.
 */
@ApplicationScoped
public class ClusterRevisions {

    private static final String LOCK = """
            INSERT INTO cluster_revision (cluster, revision) VALUES (:cluster, 0)
            ON CONFLICT (cluster) DO UPDATE SET revision = cluster_revision.revision
            RETURNING revision""";
    private static final String BUMP = """
            UPDATE cluster_revision SET revision = revision + 1 WHERE cluster = :cluster
            RETURNING revision""";
    private static final String CHAIN_HEAD = """
            SELECT lifecycle_sequence, lifecycle_hash FROM cluster_revision WHERE cluster = :cluster""";
    private static final String ADVANCE_CHAIN = """
            UPDATE cluster_revision SET lifecycle_sequence = :sequence, lifecycle_hash = :hash
            WHERE cluster = :cluster""";
    private static final String CURRENT = "SELECT revision FROM cluster_revision WHERE cluster = :cluster";

    /** Takes the cluster's row lock for the rest of the transaction (creating the row on first use). */
    public Uni<Long> lock(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(LOCK, Long.class).setParameter("cluster", cluster).getSingleResult();
    }

    /** The next revision; call only while holding {@link #lock}. */
    public Uni<Long> bump(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(BUMP, Long.class).setParameter("cluster", cluster).getSingleResult();
    }

    /** The cluster's latest lifecycle link; call only while holding {@link #lock}. */
    public Uni<LifecycleChain.Head> chainHead(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(CHAIN_HEAD, Object[].class).setParameter("cluster", cluster)
                .getSingleResult()
                .map(row -> {
                    long sequence = ((Number) row[0]).longValue();
                    return sequence == 0 ? LifecycleChain.Head.EMPTY
                            : new LifecycleChain.Head(sequence, (String) row[1]);
                });
    }

    /** Makes {@code head} the cluster's latest lifecycle link; call only while holding {@link #lock}. */
    public Uni<Void> advanceChain(Mutiny.Session session, String cluster, LifecycleChain.Head head) {
        return session.createNativeQuery(ADVANCE_CHAIN).setParameter("cluster", cluster)
                .setParameter("sequence", head.sequence())
                .setParameter("hash", head.hash())
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The latest committed revision, 0 for a cluster nobody has written to yet. */
    public Uni<Long> current(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(CURRENT, Long.class).setParameter("cluster", cluster)
                .getSingleResultOrNull()
                .map(revision -> revision == null ? 0L : revision);
    }
}
