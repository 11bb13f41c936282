package io.certpipe.intake.csr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.chain.LifecycleChain;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.intake.history.RequestHistory;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.ReadOnlyTransaction;
import io.certpipe.intake.storage.GroupCommit;
import io.certpipe.kube.storage.Change;
import io.certpipe.kube.storage.ChangeLog;
import io.certpipe.kube.storage.Listed;
import io.certpipe.kube.storage.WatchType;
import io.certpipe.kube.storage.Watches;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The only writer of requests. Every change, from the API or from an event, takes the same path: lock the cluster's
 * revision, load the request, let the {@link CsrChange} decide by the state rules, and if something visible changed,
 * bump the revision, write the row, stage the lifecycle event (the next link of the cluster's chain) and log the change
 * for watches in the same transaction. Changes of one cluster that arrive while its previous transaction runs are
 * committed together in the next ({@link GroupCommit}), in arrival order, each with its own revision.
 * A {@link LifecycleFollower} adds what follows from each lifecycle event to the same transaction. A dry run takes the
 * path up to the decision and writes nothing.
 */
@ApplicationScoped
public class CsrStore {

    /** CloudEvents {@code source} of every lifecycle event. */
    public static final String EVENT_SOURCE = "/certpipe/intake-service";
    /** Committed changes of requests, tagged by cluster and watch type, so each tenant can be followed. */
    static final String CHANGES_METRIC = "certpipe.requests.changes";
    /** Most changes of one cluster committed together: enough to take every API call and event in flight at once. */
    private static final int MAX_BATCH = 128;

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final ClusterRevisions revisions;
    private final ChangeLog changeLog;
    private final Watches watches;
    private final CsrKind kind;
    private final RequestHistory history;
    private final MeterRegistry metrics;
    private final LifecycleFollower followers;
    private final GroupCommit<Write, StoredCsr> writes = new GroupCommit<>(this::applyBatch, MAX_BATCH);

    public CsrStore(Mutiny.SessionFactory sessions, Outbox outbox, ClusterRevisions revisions, ChangeLog changeLog,
            Watches watches, CsrKind kind, RequestHistory history, MeterRegistry metrics,
            LifecycleFollower followers) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.revisions = revisions;
        this.changeLog = changeLog;
        this.watches = watches;
        this.kind = kind;
        this.history = history;
        this.metrics = metrics;
        this.followers = followers;
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
        return writes.submit(lookup.cluster(), new Write(lookup, change, NOTHING_ALONGSIDE));
    }

    /**
     * Applies {@code change} as {@link #apply} does, and once it has written the request, lets {@code alongside}
     * write what belongs with it in the same transaction: both commit, or neither.
     */
    public Uni<StoredCsr> apply(CsrLookup lookup, CsrChange change, Alongside alongside) {
        return writes.submit(lookup.cluster(), new Write(lookup, change, alongside));
    }

    /** What a caller writes in the transaction of its change, after the request: the request as stored. */
    @FunctionalInterface
    public interface Alongside {
        Uni<Void> write(Mutiny.Session session, StoredCsr written);
    }

    private static final Alongside NOTHING_ALONGSIDE = (session, written) -> Uni.createFrom().voidItem();

    /** One change waiting for its cluster's next group commit. */
    private record Write(CsrLookup lookup, CsrChange change, Alongside alongside) {
    }

    /**
     * Applies {@code batch}, changes of one cluster in arrival order, in one transaction under one revision lock. A
     * change the state rules refuse (a conflict, a missing request) fails alone, before anything of it is written. If
     * the transaction itself fails, none of it committed, and each change is applied again in a transaction of its
     * own, so that each gets its own answer and one bad write cannot sink the others.
     */
    private Uni<List<GroupCommit.Outcome<StoredCsr>>> applyBatch(String cluster, List<Write> batch) {
        Uni<List<GroupCommit.Outcome<StoredCsr>>> together = outbox.inTransaction(session -> revisions
                        .lock(session, cluster)
                        .chain(locked -> Multi.createFrom().iterable(batch)
                                .onItem().transformToUniAndConcatenate(write -> applyLocked(session, locked, write))
                                .collect().asList()
                                .call(() -> revisions.save(session, locked))))
                .invoke(outcomes -> committed(cluster, outcomes))
                .map(CsrStore::requestsOf);
        if (batch.size() == 1) {
            return together;
        }
        return together.onFailure().recoverWithUni(failure -> Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(write -> applyBatch(cluster, List.of(write))
                        .map(outcomes -> outcomes.get(0)))
                .collect().asList());
    }

    /** One change of a batch, while holding the cluster's lock. */
    private Uni<GroupCommit.Outcome<Applied>> applyLocked(Mutiny.Session session, ClusterRevisions.Locked locked,
            Write write) {
        return find(session, write.lookup()).chain(row -> {
            Outcome outcome;
            try {
                outcome = decide(write.lookup(), write.change(), row);
            } catch (RuntimeException refused) {
                return Uni.createFrom().item(GroupCommit.Outcome.failed(refused));
            }
            return write(session, locked, row, outcome)
                    .call(applied -> applied.change() == null ? Uni.createFrom().voidItem()
                            : changeLog.append(session, write.lookup().cluster(), applied.change()))
                    .call(applied -> outcome instanceof Outcome.Written
                            ? write.alongside().write(session, applied.csr()) : Uni.createFrom().voidItem())
                    .map(GroupCommit.Outcome::of);
        });
    }

    private static List<GroupCommit.Outcome<StoredCsr>> requestsOf(List<GroupCommit.Outcome<Applied>> outcomes) {
        return outcomes.stream()
                .map(outcome -> outcome.failure() != null ? GroupCommit.Outcome.<StoredCsr>failed(outcome.failure())
                        : GroupCommit.Outcome.of(outcome.result().csr()))
                .toList();
    }

    /** Tells the watches and the metrics about a committed batch. */
    private void committed(String cluster, List<GroupCommit.Outcome<Applied>> outcomes) {
        boolean changed = false;
        for (GroupCommit.Outcome<Applied> outcome : outcomes) {
            if (outcome.result() != null && outcome.result().change() != null) {
                changed = true;
                metrics.counter(CHANGES_METRIC, "cluster", cluster, "type",
                        outcome.result().change().type().name()).increment();
            }
        }
        if (changed) {
            watches.committed(cluster);
        }
    }

    /** What {@code change} does by the state rules to the request in {@code row}, or when {@code row} is null. */
    private static Outcome decide(CsrLookup lookup, CsrChange change, CsrRow row) {
        return row == null ? change.whenMissing(lookup) : change.applyTo(row.toStoredCsr(), now());
    }

    /** The request after a change, and the change the log records for watchers (null when nothing visible changed). */
    private record Applied(StoredCsr csr, Change<StoredCsr> change) {
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
    public Uni<Listed<StoredCsr>> list(String cluster) {
        return ReadOnlyTransaction.run(sessions, session -> revisions.current(session, cluster)
                .chain(revision -> session
                        .createSelectionQuery("from CsrRow where cluster = :cluster order by name", CsrRow.class)
                        .setParameter("cluster", cluster)
                        .getResultList()
                        .map(rows -> new Listed<>(rows.stream().map(CsrRow::toStoredCsr).toList(), revision))));
    }

    /** The request of {@code cluster} with {@code uid} as committed now, or null if there is none. */
    public Uni<StoredCsr> find(String cluster, UUID uid) {
        return sessions.withSession(session -> find(session, new CsrLookup.ByUid(cluster, uid)))
                .map(row -> row == null ? null : row.toStoredCsr());
    }

    /** The cluster's latest committed revision. */
    public Uni<Long> currentRevision(String cluster) {
        return sessions.withSession(session -> revisions.current(session, cluster));
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

    private Uni<Applied> write(Mutiny.Session session, ClusterRevisions.Locked locked, CsrRow row, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Unchanged unchanged -> Uni.createFrom().item(new Applied(unchanged.csr(), null));
            case Outcome.Written written -> {
                StoredCsr stored = written.csr().withResourceVersion(locked.bump());
                StoredCsr previous = row == null ? null : row.toStoredCsr();
                Uni<Void> saved;
                if (row == null) {
                    saved = session.persist(CsrRow.of(stored));
                } else {
                    row.copyMutableFields(stored);
                    saved = Uni.createFrom().voidItem();
                }
                WatchType type = row == null ? WatchType.ADDED : WatchType.MODIFIED;
                yield saved.chain(() -> stage(session, locked, written.event(), stored, written.actor(),
                        written.reason(), written.message())).replaceWith(new Applied(stored,
                        new Change<>(kind, type, stored, previous)));
            }
            case Outcome.Relabelled relabelled -> {
                StoredCsr stored = relabelled.csr().withResourceVersion(locked.bump());
                StoredCsr previous = row.toStoredCsr();
                row.copyMutableFields(stored);
                yield Uni.createFrom().item(new Applied(stored, new Change<>(kind, WatchType.MODIFIED,
                        stored, previous)));
            }
            case Outcome.ApprovalRecorded recorded -> {
                StoredCsr stored = recorded.csr().withResourceVersion(locked.bump());
                StoredCsr previous = row.toStoredCsr();
                row.copyMutableFields(stored);
                yield history.recordApproval(session, new RequestHistory.Change(EventType.APPROVED, stored.cluster(),
                                stored.name(), stored.uid(), stored.resourceVersion(), recorded.actor(),
                                stored.signerName(), null, recorded.message()), now())
                        .replaceWith(new Applied(stored, new Change<>(kind, WatchType.MODIFIED, stored,
                                previous)));
            }
            case Outcome.Removed removed -> {
                StoredCsr last = removed.csr().withResourceVersion(locked.bump());
                StoredCsr previous = row.toStoredCsr();
                yield session.remove(row)
                        .chain(() -> stage(session, locked, EventType.DELETED, last, removed.actor(), removed.reason(),
                                removed.message()))
                        .replaceWith(new Applied(last, new Change<>(kind, WatchType.DELETED, last,
                                previous)));
            }
        };
    }

    /**
     * Stages the lifecycle event as the next link of the cluster's chain, advances the chain's head to the hash of the
     * very payload staged, and records the request's history entry, all in the change's transaction.
     */
    private Uni<Void> stage(Mutiny.Session session, ClusterRevisions.Locked locked, EventType type, StoredCsr csr,
            Actor actor, String reason, String message) {
        LifecycleData data = new LifecycleData(actor, csr.toSnapshot(), reason, message);
        RequestHistory.Change change = new RequestHistory.Change(type, csr.cluster(), csr.name(), csr.uid(),
                csr.resourceVersion(), actor, csr.signerName(), reason, message);
        CloudEvent event = CloudEvent.of(type, EVENT_SOURCE, csr.cluster(), csr.name(), csr.uid().toString(), data);
        LifecycleChain.Head head = locked.chainHead();
        CloudEvent chained = head.extend(event);
        return outbox.stagePayload(session, chained)
                .invoke(payload -> locked.advanceChain(head.after(chained, payload)))
                .chain(() -> history.record(session, change, now()))
                .chain(() -> followers.staged(session, type, csr, data));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
