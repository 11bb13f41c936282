package io.certpipe.kube.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ReadOnlyTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every cluster's objects of every {@link ObjectKind}, kept whole as their JSON, as kube-apiserver's generic registry
 * keeps objects in etcd. A write takes the cluster's revision lock (shared with every other kind of the cluster),
 * numbers the change, stores the object and logs the change for watches, in one transaction; then the
 * {@link CommitListener}s hear of it. Dry runs decide the same and write nothing.
 */
@ApplicationScoped
public class ObjectStore {

    /** Told after a write of {@code kind} in {@code cluster} has committed (caches that derive from the objects). */
    public interface CommitListener {
        Uni<Void> committed(String cluster, ObjectKind<?> kind);
    }

    private static final String FIND = "from StoredObject where cluster = :cluster and resource = :resource "
            + "and name = :name";
    private static final String LIST = "from StoredObject where cluster = :cluster and resource = :resource "
            + "order by name";

    private final Mutiny.SessionFactory sessions;
    private final RevisionLock revisions;
    private final ChangeLog changeLog;
    private final Watches watches;
    private final Instance<CommitListener> listeners;

    public ObjectStore(Mutiny.SessionFactory sessions, RevisionLock revisions, ChangeLog changeLog, Watches watches,
            @Any Instance<CommitListener> listeners) {
        this.sessions = sessions;
        this.revisions = revisions;
        this.changeLog = changeLog;
        this.watches = watches;
        this.listeners = listeners;
    }

    /**
     * Every object of {@code kind} in {@code cluster}, and the revision they are current at, read from one snapshot:
     * a watch from that revision neither misses nor repeats a change.
     */
    public <T extends ApiObject> Uni<Listed<T>> list(String cluster, ObjectKind<T> kind) {
        return ReadOnlyTransaction.run(sessions, session -> revisions.current(session, cluster)
                .chain(revision -> session.createSelectionQuery(LIST, StoredObject.class)
                        .setParameter("cluster", cluster)
                        .setParameter("resource", kind.logKey())
                        .getResultList()
                        .map(rows -> new Listed<>(rows.stream().map(row -> kind.decode(row.body)).toList(),
                                revision))));
    }

    public <T extends ApiObject> Uni<T> get(String cluster, ObjectKind<T> kind, String name) {
        return sessions.withSession(session -> find(session, cluster, kind, name, LockModeType.NONE))
                .map(row -> existing(row, kind, name));
    }

    /** The cluster's latest committed revision, where a watch without a resourceVersion starts. */
    public Uni<Long> currentRevision(String cluster) {
        return sessions.withSession(session -> revisions.current(session, cluster));
    }

    /** Stores a new object, valid by its kind's rules; the server sets its uid, creation time and resourceVersion. */
    public <T extends ApiObject> Uni<T> create(String cluster, ObjectKind<T> kind, T object, DryRun dryRun) {
        String name = object.metadata().name();
        return write(cluster, kind, name, dryRun, existing -> {
            if (existing != null) {
                throw ApiException.alreadyExists(kind.groupResource(), name);
            }
            T created = kind.withMetadata(object, serverMetadata(object.metadata(), UUID.randomUUID(), null,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            kind.requireValid(created, List.of());
            return new Written<>(null, created);
        });
    }

    /**
     * Replaces an object with what {@code change} makes of it (defaulted); a stale {@code resourceVersion} in the result is a
     * conflict, and the result must be valid. The uid and creation time stay, the resourceVersion moves on.
     */
    public <T extends ApiObject> Uni<T> update(String cluster, ObjectKind<T> kind, String name, UnaryOperator<T> change,
            DryRun dryRun) {
        return write(cluster, kind, name, dryRun, row -> {
            T current = existing(row, kind, name);
            T changed = change.apply(current);
            String expected = changed.metadata().resourceVersion();
            if (expected != null && !expected.isEmpty()
                    && !expected.equals(current.metadata().resourceVersion())) {
                throw ApiException.conflict(kind.groupResource(), name);
            }
            ObjectMeta metadata = current.metadata();
            T updated = kind.withMetadata(changed, serverMetadata(changed.metadata(),
                    UUID.fromString(metadata.uid()), metadata.resourceVersion(), metadata.creationTimestamp()));
            kind.requireValid(updated, kind.validateUpdate(current, updated));
            return new Written<>(row, updated);
        });
    }

    public <T extends ApiObject> Uni<T> delete(String cluster, ObjectKind<T> kind, String name, DryRun dryRun) {
        return write(cluster, kind, name, dryRun, row -> new Removed<>(row, existing(row, kind, name)));
    }

    /**
     * Creates {@code object} unless the cluster has one of its name, which then stays as it is (how defaults are
     * seeded: an administrator's edit of one survives restarts).
     */
    public <T extends ApiObject> Uni<Void> createIfMissing(String cluster, ObjectKind<T> kind, T object) {
        return create(cluster, kind, kind.defaulted(object), DryRun.OFF).replaceWithVoid()
                .onFailure(ApiException.class).recoverWithUni(failure -> ((ApiException) failure).code() == 409
                        ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure));
    }

    /** Creates {@code object}, or replaces the stored one of its name with it (how files are applied at start). */
    public <T extends ApiObject> Uni<Void> createOrReplace(String cluster, ObjectKind<T> kind, T object) {
        T defaulted = kind.defaulted(object);
        return create(cluster, kind, defaulted, DryRun.OFF).replaceWithVoid()
                .onFailure(ApiException.class).recoverWithUni(failure -> ((ApiException) failure).code() != 409
                        ? Uni.createFrom().failure(failure)
                        : update(cluster, kind, defaulted.metadata().name(), current -> defaulted, DryRun.OFF)
                                .replaceWithVoid());
    }

    /** What a write does to the stored object, decided before anything is written. */
    private sealed interface Outcome<T> {

        /** The object as the write leaves it, with the resourceVersion it has now (none for a new one). */
        T object();
    }

    /** A new object ({@code row} null) or a new version of the object in {@code row}. */
    private record Written<T>(StoredObject row, T object) implements Outcome<T> {
    }

    private record Removed<T>(StoredObject row, T object) implements Outcome<T> {
    }

    /**
     * Every write takes this path: find the object, let {@code decide} say what the write does (it throws to refuse),
     * then store that and log the change. A dry run stops after the decision, in a read-only transaction, and answers
     * the object as the write would leave it: no revision, no row, no logged change.
     */
    private <T extends ApiObject> Uni<T> write(String cluster, ObjectKind<T> kind, String name, DryRun dryRun,
            Function<StoredObject, Outcome<T>> decide) {
        if (dryRun.isRequested()) {
            return ReadOnlyTransaction.run(sessions, session -> find(session, cluster, kind, name, LockModeType.NONE)
                    .map(row -> decide.apply(row).object()));
        }
        return sessions.withTransaction(session -> revisions.underLock(session, cluster, locked ->
                        find(session, cluster, kind, name, LockModeType.NONE)
                                .chain(row -> store(session, cluster, kind, locked, decide.apply(row)))))
                .call(() -> committed(cluster, kind));
    }

    private <T extends ApiObject> Uni<T> store(Mutiny.Session session, String cluster, ObjectKind<T> kind,
            RevisionLock.Revisions locked, Outcome<T> outcome) {
        long revision = locked.bump();
        return switch (outcome) {
            case Written<T> written -> {
                T stored = kind.withResourceVersion(written.object(), revision);
                StoredObject row = written.row();
                Uni<Void> saved;
                T previous = null;
                if (row != null) {
                    previous = kind.decode(row.body);
                    row.resourceVersion = revision;
                    row.body = kind.encode(stored);
                    saved = Uni.createFrom().voidItem();
                } else {
                    saved = session.persist(newRow(cluster, kind, stored, revision));
                }
                Change<T> change = new Change<>(kind, previous == null ? WatchType.ADDED : WatchType.MODIFIED,
                        stored, previous);
                yield saved.chain(() -> changeLog.append(session, cluster, change)).replaceWith(stored);
            }
            case Removed<T> removed -> {
                T last = kind.withResourceVersion(removed.object(), revision);
                yield session.remove(removed.row())
                        .chain(() -> changeLog.append(session, cluster,
                                new Change<>(kind, WatchType.DELETED, last, removed.object())))
                        .replaceWith(last);
            }
        };
    }

    private Uni<Void> committed(String cluster, ObjectKind<?> kind) {
        watches.committed(cluster);
        return Multi.createFrom().iterable(listeners)
                .onItem().transformToUniAndConcatenate(listener -> listener.committed(cluster, kind))
                .collect().last()
                .replaceWithVoid();
    }

    private static <T extends ApiObject> StoredObject newRow(String cluster, ObjectKind<T> kind, T stored,
            long revision) {
        StoredObject row = new StoredObject();
        row.uid = UUID.fromString(stored.metadata().uid());
        row.cluster = cluster;
        row.resource = kind.logKey();
        row.name = stored.metadata().name();
        row.resourceVersion = revision;
        row.body = kind.encode(stored);
        return row;
    }

    private static Uni<StoredObject> find(Mutiny.Session session, String cluster, ObjectKind<?> kind, String name,
            LockModeType lock) {
        return session.createSelectionQuery(FIND, StoredObject.class)
                .setParameter("cluster", cluster)
                .setParameter("resource", kind.logKey())
                .setParameter("name", name)
                .setLockMode(lock)
                .getSingleResultOrNull();
    }

    /** The object in {@code row}; NotFound when there is none. */
    private static <T extends ApiObject> T existing(StoredObject row, ObjectKind<T> kind, String name) {
        if (row == null) {
            throw ApiException.notFound(kind.groupResource(), name);
        }
        return kind.decode(row.body);
    }

    private static ObjectMeta serverMetadata(ObjectMeta submitted, UUID uid, String resourceVersion,
            Instant created) {
        return new ObjectMeta(submitted.name(), null, uid.toString(), resourceVersion, created, submitted.labels(),
                submitted.annotations());
    }
}
