package io.certpipe.kube.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every committed change of every stored kind, per cluster, in PostgreSQL, for watches. Writers append each change in
 * the transaction that makes it, while holding the cluster's revision lock ({@link RevisionLock}), so a cluster's rows
 * commit in revision order: a reader that has seen revision r will never later find an unseen row below r. A schedule
 * prunes what is older than the configured history and records, per cluster, the highest revision pruned.
 */
@ApplicationScoped
public class ChangeLog {

    private static final String CHANGES_AFTER = """
            from LoggedChange where cluster = :cluster and revision > :after order by revision""";
    private static final String PRUNED_THROUGH = """
            SELECT through_revision FROM change_log_pruned WHERE cluster = :cluster""";
    /**
     * In one statement, so that no reader sees rows gone and the mark not yet moved: per cluster, the changes up to
     * the newest one older than the retention are deleted (a prefix of the log, even if clocks disagreed about an
     * older row) and the mark is raised to it.
     */
    private static final String PRUNE = """
            WITH expired AS (
                SELECT cluster, max(revision) AS through_revision FROM change_log
                WHERE logged_at < now() - make_interval(secs => :retentionSeconds)
                GROUP BY cluster
            ), deleted AS (
                DELETE FROM change_log logged USING expired
                WHERE logged.cluster = expired.cluster AND logged.revision <= expired.through_revision
            )
            INSERT INTO change_log_pruned (cluster, through_revision)
            SELECT cluster, through_revision FROM expired
            ON CONFLICT (cluster) DO UPDATE
            SET through_revision = GREATEST(change_log_pruned.through_revision, EXCLUDED.through_revision)""";

    private final Mutiny.SessionFactory sessions;
    private final Map<String, StoredKind<?>> kinds;

    public ChangeLog(Mutiny.SessionFactory sessions, @Any Instance<StoredKind<?>> kinds) {
        this.sessions = sessions;
        this.kinds = kinds.stream().collect(Collectors.toMap(StoredKind::logKey, Function.identity()));
    }

    /**
     * Up to {@code limit} changes of {@code cluster} after revision {@code after}, oldest first, whatever their kind,
     * and how far the log has been pruned. The rows are read before the mark: if the mark is at or below
     * {@code after}, nothing after it had been pruned when the rows were read, so they are every change after
     * {@code after} (up to the limit).
     */
    public Uni<Page> readAfter(String cluster, long after, int limit) {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery(CHANGES_AFTER, LoggedChange.class)
                .setParameter("cluster", cluster)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList()
                .chain(rows -> session.createNativeQuery(PRUNED_THROUGH, Long.class)
                        .setParameter("cluster", cluster)
                        .getSingleResultOrNull()
                        .map(pruned -> new Page(decode(rows), pruned == null ? 0 : pruned,
                                rows.size() == limit))));
    }

    /** Adds {@code change} to the transaction of {@code session}; call it under the cluster's revision lock. */
    public <T> Uni<Void> append(Mutiny.Session session, String cluster, Change<T> change) {
        return session.persist(LoggedChange.of(cluster, change));
    }

    /** Deletes, in every cluster, the changes logged more than {@code retention} ago. */
    public Uni<Void> prune(Duration retention) {
        return sessions.withTransaction(session -> session.createNativeQuery(PRUNE)
                        .setParameter("retentionSeconds", retention.toMillis() / 1000.0)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private List<Change<?>> decode(List<LoggedChange> rows) {
        List<Change<?>> changes = new ArrayList<>(rows.size());
        for (LoggedChange row : rows) {
            StoredKind<?> kind = kinds.get(row.resource);
            if (kind == null) {
                throw new IllegalStateException("the change log holds " + row.resource + ", which nothing here stores");
            }
            changes.add(row.toChange(kind));
        }
        return changes;
    }

    /**
     * Changes in revision order; the highest revision pruned from the log (a reader that needs changes after a
     * revision below {@code prunedThrough} may have lost some); and whether more changes may follow the last one.
     */
    public record Page(List<Change<?>> changes, long prunedThrough, boolean hasMore) {
    }
}
