package io.certpipe.intake.rbac;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.ObjectMeta;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every cluster's ClusterRoles and ClusterRoleBindings, and the {@link RbacPolicy} the authoriser reads. Writes go to
 * PostgreSQL and refresh this instance's policy at once; a periodic refresh picks up other instances' writes.
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

    /** The cluster's policy as last loaded; empty (nobody but system:masters) until the first load. */
    public RbacPolicy policy(String cluster) {
        return policies.getOrDefault(cluster, RbacPolicy.EMPTY);
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
                .map(row -> {
                    if (row == null) {
                        throw ApiException.notFound(kind.groupResource(), name);
                    }
                    return toObject(row);
                });
    }

    /** Stores a new object; the server sets its uid, resourceVersion and creation time. */
    public Uni<RbacObject> create(String cluster, RbacObject object) {
        RbacApi.Kind kind = RbacApi.Kind.of(object);
        String name = object.metadata().name();
        return sessions.withTransaction(session -> find(session, cluster, kind, name, LockModeType.PESSIMISTIC_WRITE)
                        .chain(existing -> {
                            if (existing != null) {
                                throw ApiException.alreadyExists(kind.groupResource(), name);
                            }
                            return nextRevision(session).chain(revision -> {
                                UUID uid = UUID.randomUUID();
                                RbacObject stored = object.withMetadata(serverMetadata(object.metadata(), uid,
                                        revision, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
                                RbacObjectRow row = new RbacObjectRow();
                                row.uid = uid;
                                row.cluster = cluster;
                                row.kind = kind.kind();
                                row.name = name;
                                row.resourceVersion = revision;
                                row.body = toJson(stored);
                                return session.persist(row).replaceWith(stored);
                            });
                        }))
                .call(() -> refresh(cluster));
    }

    /**
     * Replaces an object with what {@code change} makes of it (the change checks preconditions and validity); the
     * uid and creation time stay, the resourceVersion moves on.
     */
    public Uni<RbacObject> update(String cluster, RbacApi.Kind kind, String name, UnaryOperator<RbacObject> change) {
        return sessions.withTransaction(session -> find(session, cluster, kind, name, LockModeType.PESSIMISTIC_WRITE)
                        .chain(row -> {
                            if (row == null) {
                                throw ApiException.notFound(kind.groupResource(), name);
                            }
                            RbacObject current = toObject(row);
                            RbacObject changed = change.apply(current);
                            return nextRevision(session).map(revision -> {
                                RbacObject stored = changed.withMetadata(serverMetadata(changed.metadata(), row.uid,
                                        revision, current.metadata().creationTimestamp()));
                                row.resourceVersion = revision;
                                row.body = toJson(stored);
                                return stored;
                            });
                        }))
                .call(() -> refresh(cluster));
    }

    public Uni<RbacObject> delete(String cluster, RbacApi.Kind kind, String name) {
        return sessions.withTransaction(session -> find(session, cluster, kind, name, LockModeType.PESSIMISTIC_WRITE)
                        .chain(row -> {
                            if (row == null) {
                                throw ApiException.notFound(kind.groupResource(), name);
                            }
                            return session.remove(row).replaceWith(toObject(row));
                        }))
                .call(() -> refresh(cluster));
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

    private static ObjectMeta serverMetadata(ObjectMeta submitted, UUID uid, long revision, Instant created) {
        return new ObjectMeta(submitted.name(), null, uid.toString(), String.valueOf(revision), created,
                submitted.labels(), submitted.annotations());
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
