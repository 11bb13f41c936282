package io.certpipe.intake.rbac;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ReadOnlyTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every cluster's ClusterRoles and ClusterRoleBindings, and the {@link RbacPolicy} the authoriser reads. Writes go to
 * PostgreSQL and refresh this instance's policy at once; a periodic refresh picks up other instances' writes. Dry runs
 * write nothing and leave the policy as it is.
 */
@ApplicationScoped
public class RbacStore {

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;
    private final Map<String, RbacPolicy> policies = new ConcurrentHashMap<>();

    public RbacStore(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * The cluster's policy as last loaded. Before the first load there is no answer: a decision then would refuse
     * what the cluster allows, and a consumer that starts before the API (the automation requests) would answer a
     * permanent refusal. It fails with a {@link PolicyNotLoadedException}, which consumers retry.
     */
    public RbacPolicy policy(String cluster) {
        RbacPolicy policy = policies.get(cluster);
        if (policy == null) {
            throw new PolicyNotLoadedException(cluster);
        }
        return policy;
    }

    public Uni<List<RbacObject>> list(String cluster, RbacApi.Kind kind) {
        return sessions.withSession(session -> session
                        .createSelectionQuery("from RbacObjectRow where cluster = :cluster and kind = :kind "
                                + "order by name", RbacObjectRow.class)
                        .setParameter("cluster", cluster)
                        .setParameter("kind", kind.kind())
                        .getResultList())
                .map(rows -> rows.stream().map(this::toObject).toList());
    }

    public Uni<RbacObject> get(String cluster, RbacApi.Kind kind, String name) {
        return sessions.withSession(session -> find(session, cluster, kind, name, LockModeType.NONE))
                .map(row -> existing(row, kind, name));
    }

    /** Stores a new object; the server sets its uid, creation time and resourceVersion. */
    public Uni<RbacObject> create(String cluster, RbacObject object, DryRun dryRun) {
        RbacApi.Kind kind = RbacApi.Kind.of(object);
        String name = object.metadata().name();
        return write(cluster, kind, name, dryRun, existing -> {
            if (existing != null) {
                throw ApiException.alreadyExists(kind.groupResource(), name);
            }
            return new Written(null, object.withMetadata(serverMetadata(object.metadata(), UUID.randomUUID(), null,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS))));
        });
    }

    /**
     * Replaces an object with what {@code change} makes of it (the change checks preconditions and validity); the
     * uid and creation time stay, the resourceVersion moves on.
     */
    public Uni<RbacObject> update(String cluster, RbacApi.Kind kind, String name, UnaryOperator<RbacObject> change,
            DryRun dryRun) {
        return write(cluster, kind, name, dryRun, row -> {
            RbacObject current = existing(row, kind, name);
            RbacObject changed = change.apply(current);
            ObjectMeta metadata = current.metadata();
            return new Written(row, changed.withMetadata(serverMetadata(changed.metadata(), row.uid,
                    metadata.resourceVersion(), metadata.creationTimestamp())));
        });
    }

    public Uni<RbacObject> delete(String cluster, RbacApi.Kind kind, String name, DryRun dryRun) {
        return write(cluster, kind, name, dryRun, row -> new Removed(row, existing(row, kind, name)));
    }

    /** What a write does to the stored object, decided before anything is written. */
    private sealed interface Outcome {

        /** The object as the write leaves it, with the resourceVersion it has now (none for a new one). */
        RbacObject object();
    }

    /** A new object ({@code row} null) or a new version of the object in {@code row}. */
    private record Written(RbacObjectRow row, RbacObject object) implements Outcome {
    }

    private record Removed(RbacObjectRow row, RbacObject object) implements Outcome {
    }

    /**
     * Every write takes this path: find the object, let {@code decide} say what the write does (it throws to refuse),
     * then store that and refresh the policy. A dry run stops after the decision, in a read-only transaction, and
     * answers the object as the write would leave it: no revision, no row, no policy change.
     */
    private Uni<RbacObject> write(String cluster, RbacApi.Kind kind, String name, DryRun dryRun,
            Function<RbacObjectRow, Outcome> decide) {
        if (dryRun.isRequested()) {
            return ReadOnlyTransaction.run(sessions, session -> find(session, cluster, kind, name, LockModeType.NONE)
                    .map(row -> decide.apply(row).object()));
        }
        return sessions.withTransaction(session -> find(session, cluster, kind, name, LockModeType.PESSIMISTIC_WRITE)
                        .chain(row -> store(session, cluster, decide.apply(row))))
                .call(() -> refresh(cluster));
    }

    private Uni<RbacObject> store(Mutiny.Session session, String cluster, Outcome outcome) {
        return switch (outcome) {
            case Written written -> nextRevision(session).chain(revision -> {
                RbacObject stored = withResourceVersion(written.object(), revision);
                RbacObjectRow row = written.row();
                if (row != null) {
                    row.resourceVersion = revision;
                    row.body = toJson(stored);
                    return Uni.createFrom().item(stored);
                }
                RbacObjectRow created = new RbacObjectRow();
                created.uid = UUID.fromString(stored.metadata().uid());
                created.cluster = cluster;
                created.kind = RbacApi.Kind.of(stored).kind();
                created.name = stored.metadata().name();
                created.resourceVersion = revision;
                created.body = toJson(stored);
                return session.persist(created).replaceWith(stored);
            });
            case Removed removed -> session.remove(removed.row()).replaceWith(removed.object());
        };
    }

    /** Reloads {@code cluster}'s policy from the database. */
    public Uni<Void> refresh(String cluster) {
        return sessions.withSession(session -> session
                        .createSelectionQuery("from RbacObjectRow where cluster = :cluster", RbacObjectRow.class)
                        .setParameter("cluster", cluster)
                        .getResultList())
                .invoke(rows -> policies.put(cluster, RbacPolicy.of(rows.stream().map(this::toObject).toList())))
                .replaceWithVoid();
    }

    /** Picks up changes another intake instance made; runs on a scheduler thread, hence the Vert.x context. */
    @Scheduled(identity = "intake-rbac-refresh", every = "${certpipe.intake.rbac.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshAll() throws Throwable {
        for (String cluster : List.copyOf(policies.keySet())) {
            VertxContextSupport.subscribeAndAwait(() -> refresh(cluster));
        }
    }

    private Uni<RbacObjectRow> find(Mutiny.Session session, String cluster, RbacApi.Kind kind, String name,
            LockModeType lock) {
        return session.createSelectionQuery("from RbacObjectRow where cluster = :cluster and kind = :kind "
                        + "and name = :name", RbacObjectRow.class)
                .setParameter("cluster", cluster)
                .setParameter("kind", kind.kind())
                .setParameter("name", name)
                .setLockMode(lock)
                .getSingleResultOrNull();
    }

    private static Uni<Long> nextRevision(Mutiny.Session session) {
        return session.createNativeQuery("SELECT nextval('rbac_revision')", Long.class).getSingleResult();
    }

    /** The object in {@code row}; NotFound when there is none. */
    private RbacObject existing(RbacObjectRow row, RbacApi.Kind kind, String name) {
        if (row == null) {
            throw ApiException.notFound(kind.groupResource(), name);
        }
        return toObject(row);
    }

    private static ObjectMeta serverMetadata(ObjectMeta submitted, UUID uid, String resourceVersion,
            Instant created) {
        return new ObjectMeta(submitted.name(), null, uid.toString(), resourceVersion, created, submitted.labels(),
                submitted.annotations());
    }

    private static RbacObject withResourceVersion(RbacObject object, long revision) {
        ObjectMeta metadata = object.metadata();
        return object.withMetadata(new ObjectMeta(metadata.name(), null, metadata.uid(), String.valueOf(revision),
                metadata.creationTimestamp(), metadata.labels(), metadata.annotations()));
    }

    private RbacObject toObject(RbacObjectRow row) {
        try {
            return json.readValue(row.body, RbacApi.Kind.ofKind(row.kind).type());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + row.kind + " " + row.name + " is unreadable", e);
        }
    }

    private String toJson(RbacObject object) {
        try {
            return json.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + object.metadata().name(), e);
        }
    }
}
