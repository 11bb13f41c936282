package io.certpipe.intake.csr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.intake.history.RequestHistory;
import io.certpipe.intake.kube.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The only writer of requests. Every change, from the API or from an event, takes the same path: lock the cluster's
 * revision, load the request, let the {@link CsrChange} decide by the state rules, and if something visible changed,
 * bump the revision, write the row and stage the lifecycle event in the same transaction.
 */
@ApplicationScoped
public class CsrStore {

    /** CloudEvents {@code source} of every lifecycle event. */
    public static final String EVENT_SOURCE = "/certpipe/intake-service";
    /** Committed changes of requests, tagged by cluster and watch type, so each tenant can be followed. */
    static final String CHANGES_METRIC = "certpipe.requests.changes";

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final ClusterRevisions revisions;
    private final CsrWatches watches;
    private final RequestHistory history;
    private final MeterRegistry metrics;

    public CsrStore(Mutiny.SessionFactory sessions, Outbox outbox, ClusterRevisions revisions, CsrWatches watches,
            RequestHistory history, MeterRegistry metrics) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.revisions = revisions;
        this.watches = watches;
        this.history = history;
        this.metrics = metrics;
    }

    /** Applies {@code change} to the request {@code lookup} finds; answers its new state, or null if dropped. */
    public Uni<StoredCsr> apply(CsrLookup lookup, CsrChange change) {
        return outbox.inTransaction(session -> revisions.lock(session, lookup.cluster())
                .chain(ignored -> find(session, lookup))
                .chain(row -> {
                    Outcome outcome = row == null ? change.whenMissing(lookup)
                            : change.applyTo(row.toStoredCsr(), now());
                    return write(session, lookup.cluster(), row, outcome);
                }))
                .invoke(applied -> {
                    if (applied.change() != null) {
                        watches.published(applied.change());
                        metrics.counter(CHANGES_METRIC, "cluster", lookup.cluster(), "type",
                                applied.change().type().name()).increment();
                    }
                })
                .map(Applied::csr);
    }

    /** The request after a change, and the change watchers see (null when nothing visible changed). */
    private record Applied(StoredCsr csr, CsrWatches.Change change) {
    }

    public Uni<StoredCsr> get(String cluster, String name) {
        CsrLookup.ByName lookup = new CsrLookup.ByName(cluster, name);
        return sessions.withSession(session -> find(session, lookup))
                .map(row -> {
                    if (row == null) {
                        throw ApiException.notFound(CsrApi.GROUP_RESOURCE, name);
                    }
                    return row.toStoredCsr();
                });
    }

    /**
     * Every request of {@code cluster} by name, and a revision read before them: the rows hold every change up to it
     * (and maybe later ones), so a watch from that revision misses nothing and at worst repeats a change.
     */
    public Uni<CsrPage> list(String cluster) {
        return sessions.withSession(session -> revisions.current(session, cluster)
                .chain(revision -> session
                        .createSelectionQuery("from CsrRow where cluster = :cluster order by name", CsrRow.class)
                        .setParameter("cluster", cluster)
                        .getResultList()
                        .map(rows -> new CsrPage(rows.stream().map(CsrRow::toStoredCsr).toList(), revision))));
    }

    /** The cluster's latest committed revision. */
    public Uni<Long> currentRevision(String cluster) {
        return sessions.withSession(session -> revisions.current(session, cluster));
    }

    /** One cluster's requests and the revision they are current at. */
    public record CsrPage(List<StoredCsr> items, long resourceVersion) {
    }

    private Uni<CsrRow> find(Mutiny.Session session, CsrLookup lookup) {
        return switch (lookup) {
            case CsrLookup.ByName byName -> session
                    .createSelectionQuery("from CsrRow where cluster = :cluster and name = :name", CsrRow.class)
                    .setParameter("cluster", byName.cluster())
                    .setParameter("name", byName.name())
                    .getSingleResultOrNull();
            case CsrLookup.ByUid byUid -> session
                    .createSelectionQuery("from CsrRow where cluster = :cluster and uid = :uid", CsrRow.class)
                    .setParameter("cluster", byUid.cluster())
                    .setParameter("uid", byUid.uid())
                    .getSingleResultOrNull();
        };
    }

    private Uni<Applied> write(Mutiny.Session session, String cluster, CsrRow row, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Unchanged unchanged -> Uni.createFrom().item(new Applied(unchanged.csr(), null));
            case Outcome.Written written -> revisions.bump(session, cluster).chain(revision -> {
                StoredCsr stored = written.csr().withResourceVersion(revision);
                Uni<Void> saved;
                if (row == null) {
                    saved = session.persist(CsrRow.of(stored));
                } else {
                    row.copyMutableFields(stored);
                    saved = Uni.createFrom().voidItem();
                }
                CsrWatches.Type type = row == null ? CsrWatches.Type.ADDED : CsrWatches.Type.MODIFIED;
                return saved.chain(() -> stage(session, written.event(), stored, written.actor(), written.reason(),
                        written.message())).replaceWith(new Applied(stored, new CsrWatches.Change(type, stored)));
            });
            case Outcome.Relabelled relabelled -> revisions.bump(session, cluster).map(revision -> {
                StoredCsr stored = relabelled.csr().withResourceVersion(revision);
                row.copyMutableFields(stored);
                return new Applied(stored, new CsrWatches.Change(CsrWatches.Type.MODIFIED, stored));
            });
            case Outcome.Removed removed -> revisions.bump(session, cluster).chain(revision -> {
                StoredCsr last = removed.csr().withResourceVersion(revision);
                return session.remove(row)
                        .chain(() -> stage(session, EventType.DELETED, last, removed.actor(), removed.reason(),
                                removed.message()))
                        .replaceWith(new Applied(last, new CsrWatches.Change(CsrWatches.Type.DELETED, last)));
            });
        };
    }

    /** Stages the lifecycle event and records the request's history entry, both in the change's transaction. */
    private Uni<Void> stage(Mutiny.Session session, EventType type, StoredCsr csr, Actor actor, String reason,
            String message) {
        LifecycleData data = new LifecycleData(actor, csr.toSnapshot(), reason, message);
        RequestHistory.Change change = new RequestHistory.Change(type, csr.cluster(), csr.name(), csr.uid(),
                csr.resourceVersion(), actor, csr.signerName(), reason, message);
        return outbox.stage(session, CloudEvent.of(type, EVENT_SOURCE, csr.cluster(), csr.name(),
                        csr.uid().toString(), data))
                .chain(() -> history.record(session, change, now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
