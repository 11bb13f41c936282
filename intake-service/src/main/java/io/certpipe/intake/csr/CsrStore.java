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
import io.certpipe.intake.kube.DryRun;
import io.certpipe.intake.kube.ReadOnlyTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The only writer of requests. Every change, from the API or from an event, takes the same path: lock the cluster's
 * revision, load the request, let the {@link CsrChange} decide by the state rules, and if something visible changed,
 * bump the revision, write the row, stage the lifecycle event (the next link of the cluster's chain) and log the change
 * for watches in the same transaction.
 * A dry run takes the path up to the decision and writes nothing.
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
    private final CsrChangeLog changeLog;
    private final CsrWatches watches;
    private final RequestHistory history;
    private final MeterRegistry metrics;

    public CsrStore(Mutiny.SessionFactory sessions, Outbox outbox, ClusterRevisions revisions, CsrChangeLog changeLog,
            CsrWatches watches, RequestHistory history, MeterRegistry metrics) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.revisions = revisions;
        this.changeLog = changeLog;
        this.watches = watches;
        this.history = history;
        this.metrics = metrics;
    }

    /**
     * Applies {@code change} to the request {@code lookup} finds; answers its new state, or null if dropped. A dry run
     * decides the same way and answers the same (the request as it would be stored, with the resourceVersion it has
     * now: none for a new one) or fails the same, but stops before writing, in a read-only transaction: no revision,
     * row, lifecycle event, history entry or logged change, and the database refuses anything written in it.
     */
    public Uni<StoredCsr> apply(CsrLookup lookup, CsrChange change, DryRun dryRun) {
        if (dryRun.isRequested()) {
            return ReadOnlyTransaction.run(sessions, session -> find(session, lookup)
                    .map(row -> decide(lookup, change, row).csr()));
        }
        return outbox.inTransaction(session -> revisions.lock(session, lookup.cluster())
                .chain(ignored -> find(session, lookup))
                .chain(row -> write(session, lookup.cluster(), row, decide(lookup, change, row)))
                .call(applied -> applied.change() == null ? Uni.createFrom().voidItem()
                        : changeLog.append(session, applied.change())))
                .invoke(applied -> {
                    if (applied.change() != null) {
                        watches.committed(lookup.cluster());
                        metrics.counter(CHANGES_METRIC, "cluster", lookup.cluster(), "type",
                                applied.change().type().name()).increment();
                    }
                })
                .map(Applied::csr);
    }

    /** What {@code change} does by the state rules to the request in {@code row}, or when {@code row} is null. */
    private static Outcome decide(CsrLookup lookup, CsrChange change, CsrRow row) {
        return row == null ? change.whenMissing(lookup) : change.applyTo(row.toStoredCsr(), now());
    }

    /** The request after a change, and the change the log records for watchers (null when nothing visible changed). */
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
     * Every request of {@code cluster} by name, and the revision they are current at, read from one snapshot: the
     * rows hold exactly the changes up to that revision, so a watch from it neither misses nor repeats a change.
     */
    public Uni<CsrPage> list(String cluster) {
        return ReadOnlyTransaction.run(sessions, session -> revisions.current(session, cluster)
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
                StoredCsr previous = row == null ? null : row.toStoredCsr();
                Uni<Void> saved;
                if (row == null) {
                    saved = session.persist(CsrRow.of(stored));
                } else {
                    row.copyMutableFields(stored);
                    saved = Uni.createFrom().voidItem();
                }
                CsrWatches.Type type = row == null ? CsrWatches.Type.ADDED : CsrWatches.Type.MODIFIED;
                return saved.chain(() -> stage(session, written.event(), stored, written.actor(), written.reason(),
                        written.message())).replaceWith(new Applied(stored, new CsrWatches.Change(type, stored,
                        previous)));
            });
            case Outcome.Relabelled relabelled -> revisions.bump(session, cluster).map(revision -> {
                StoredCsr stored = relabelled.csr().withResourceVersion(revision);
                StoredCsr previous = row.toStoredCsr();
                row.copyMutableFields(stored);
                return new Applied(stored, new CsrWatches.Change(CsrWatches.Type.MODIFIED, stored, previous));
            });
            case Outcome.Removed removed -> revisions.bump(session, cluster).chain(revision -> {
                StoredCsr last = removed.csr().withResourceVersion(revision);
                StoredCsr previous = row.toStoredCsr();
                return session.remove(row)
                        .chain(() -> stage(session, EventType.DELETED, last, removed.actor(), removed.reason(),
                                removed.message()))
                        .replaceWith(new Applied(last, new CsrWatches.Change(CsrWatches.Type.DELETED, last,
                                previous)));
            });
        };
    }

    /**
     * Stages the lifecycle event as the next link of the cluster's chain, advances the chain's head to the hash of the
     * very payload staged, and records the request's history entry, all in the change's transaction.
     */
    private Uni<Void> stage(Mutiny.Session session, EventType type, StoredCsr csr, Actor actor, String reason,
            String message) {
        LifecycleData data = new LifecycleData(actor, csr.toSnapshot(), reason, message);
        RequestHistory.Change change = new RequestHistory.Change(type, csr.cluster(), csr.name(), csr.uid(),
                csr.resourceVersion(), actor, csr.signerName(), reason, message);
        CloudEvent event = CloudEvent.of(type, EVENT_SOURCE, csr.cluster(), csr.name(), csr.uid().toString(), data);
        return revisions.chainHead(session, csr.cluster()).chain(head -> {
            CloudEvent chained = head.extend(event);
            return outbox.stagePayload(session, chained)
                    .chain(payload -> revisions.advanceChain(session, csr.cluster(), head.after(chained, payload)));
        }).chain(() -> history.record(session, change, now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
