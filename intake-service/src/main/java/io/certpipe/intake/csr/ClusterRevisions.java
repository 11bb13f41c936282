package io.certpipe.intake.csr;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Each cluster's {@code resourceVersion} counter. A writer locks its cluster's row first and bumps it only when it
 * changes something visible, so revisions are handed out in commit order and a no-op costs no revision.
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
    private static final String CURRENT = "SELECT revision FROM cluster_revision WHERE cluster = :cluster";

    /** Takes the cluster's row lock for the rest of the transaction (creating the row on first use). */
    public Uni<Long> lock(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(LOCK, Long.class).setParameter("cluster", cluster).getSingleResult();
    }

    /** The next revision; call only while holding {@link #lock}. */
    public Uni<Long> bump(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(BUMP, Long.class).setParameter("cluster", cluster).getSingleResult();
    }

    /** The latest committed revision, 0 for a cluster nobody has written to yet. */
    public Uni<Long> current(Mutiny.Session session, String cluster) {
        return session.createNativeQuery(CURRENT, Long.class).setParameter("cluster", cluster)
                .getSingleResultOrNull()
                .map(revision -> revision == null ? 0L : revision);
    }
}
