package io.certpipe.intake.history;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;
import io.certpipe.intake.csr.CsrApi;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Every request's history as Kubernetes Events: one per lifecycle change, written by the transaction that makes the
 * change (so there is never an event for a change that did not commit, nor a change without its event), kept for
 * {@code certpipe.intake.history.retention}.
 */
@ApplicationScoped
public class RequestHistory {

    private static final Logger LOG = Logger.getLogger(RequestHistory.class);
    private static final String NORMAL = "Normal";
    private static final String WARNING = "Warning";
    private static final String DEFERRING_COMPONENT = Topics.APPROVAL_SERVICE;
    private static final String APPROVAL_RECORDED = "ApprovalRecorded";
    private static final String DEFERRAL_INSERT = """
            insert into request_event (uid, cluster, resource_version, involved_name, involved_uid, event_type, reason,
                                       message, reporting_component, event_time)
            select :uid, csr.cluster, csr.resource_version, csr.name, csr.uid, :type, :reason, :message,
                   :component, :now
            from certificate_signing_request csr
            where csr.cluster = :cluster and csr.uid = :csrUid
              and not exists (select 1 from jsonb_array_elements(csr.conditions::jsonb) condition
                              where condition ->> 'type' in (:decided))
              and not exists (select 1 from request_event event
                              where event.cluster = :cluster and event.involved_name = csr.name
                                and event.involved_uid = :csrUid
                                and event.reporting_component = :component and event.reason = :reason)
            """;

    /** What happened to one request, as the lifecycle event reporting it says. */
    public record Change(EventType type, String cluster, String name, UUID uid, long resourceVersion, Actor actor,
            String signerName, String reason, String message) {
    }

    private final Mutiny.SessionFactory sessions;
    private final HistoryConfig config;

    public RequestHistory(Mutiny.SessionFactory sessions, HistoryConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /** Records {@code change} in the transaction of {@code session}. */
    public Uni<Void> record(Mutiny.Session session, Change change, Instant now) {
        return persist(session, change, isWarning(change) ? WARNING : NORMAL, reasonOf(change), messageOf(change),
                now);
    }

    /**
     * Records one person's approval of a request that needs more ({@code change.message()} says how many so far),
     * in the transaction of {@code session}: the request is still pending, so it is an Event of its own kind.
     */
    public Uni<Void> recordApproval(Mutiny.Session session, Change change, Instant now) {
        return persist(session, change, NORMAL, APPROVAL_RECORDED, change.message(), now);
    }

    private Uni<Void> persist(Mutiny.Session session, Change change, String type, String reason, String message,
            Instant now) {
        RequestEventRow row = new RequestEventRow();
        row.uid = UUID.randomUUID();
        row.cluster = change.cluster();
        row.resourceVersion = change.resourceVersion();
        row.involvedName = change.name();
        row.involvedUid = change.uid();
        row.eventType = type;
        row.reason = reason;
        row.message = message;
        row.reportingComponent = componentOf(change.actor());
        row.eventTime = now;
        return session.persist(row);
    }

    /**
     * A decision approval-service did not take: why no policy approved or denied the request, which a person deciding
     * it wants to read ({@code kubectl describe csr}). It changes no request, so it has no revision of its own and is
     * filed under the request's current one; a request that is gone or already decided gets none, and a redelivered
     * deferral adds nothing.
     */
    public record Deferral(String cluster, UUID uid, String reason, String message) {
    }

    /** Records each of {@code deferrals} as a {@code Normal} event from approval-service, in one transaction. */
    public Uni<Void> recordDeferrals(List<Deferral> deferrals, Instant now) {
        return sessions.withTransaction(session -> {
            Uni<Void> recorded = Uni.createFrom().voidItem();
            for (Deferral deferral : deferrals) {
                recorded = recorded.chain(() -> session.createNativeQuery(DEFERRAL_INSERT)
                        .setParameter("uid", UUID.randomUUID())
                        .setParameter("cluster", deferral.cluster())
                        .setParameter("csrUid", deferral.uid())
                        .setParameter("reason", deferral.reason())
                        .setParameter("message", deferral.message())
                        .setParameter("component", DEFERRING_COMPONENT)
                        .setParameter("type", NORMAL)
                        .setParameter("decided", List.of(CsrCondition.APPROVED, CsrCondition.DENIED))
                        .setParameter("now", now)
                        .executeUpdate()
                        .replaceWithVoid());
            }
            return recorded;
        });
    }

    /**
     * The events of {@code cluster} that {@code selected} keeps, oldest first. {@code involvedName}, when the
     * selector names one object (as {@code kubectl describe} does), narrows the query before the selector runs.
     */
    public Uni<List<KubeEvent>> list(String cluster, String involvedName, Predicate<KubeEvent> selected) {
        String query = "from RequestEventRow where cluster = :cluster"
                + (involvedName == null ? "" : " and involvedName = :name") + " order by resourceVersion, eventTime";
        return sessions.withSession(session -> {
            var select = session.createSelectionQuery(query, RequestEventRow.class).setParameter("cluster", cluster);
            if (involvedName != null) {
                select.setParameter("name", involvedName);
            }
            return select.getResultList();
        }).map(rows -> rows.stream().map(RequestHistory::toWire).filter(selected).toList());
    }

    /** Forgets events older than the retention; runs on a scheduler thread, hence the explicit Vert.x context. */
    @Scheduled(identity = "intake-history-prune", every = "${certpipe.intake.history.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() throws Throwable {
        Instant horizon = Instant.now().minus(config.retention());
        int pruned = VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                .createMutationQuery("delete from RequestEventRow where eventTime < :horizon")
                .setParameter("horizon", horizon)
                .executeUpdate()));
        if (pruned > 0) {
            LOG.debugf("pruned %d request events older than %s", pruned, horizon);
        }
    }

    private static KubeEvent toWire(RequestEventRow row) {
        String rowUid = row.uid.toString();
        String revision = String.valueOf(row.resourceVersion);
        return new KubeEvent("Event", "v1",
                new KubeEvent.Metadata(row.involvedName + "." + rowUid.substring(0, 8), KubeEvent.NAMESPACE, rowUid,
                        revision, row.eventTime),
                new KubeEvent.InvolvedObject(CsrApi.KIND, row.involvedName, row.involvedUid.toString(),
                        CsrApi.GROUP_VERSION, revision),
                row.reason, row.message, new KubeEvent.Source(row.reportingComponent), row.eventTime, row.eventTime,
                1, row.eventType, row.reportingComponent, null);
    }

    private static boolean isWarning(Change change) {
        return change.type() == EventType.DENIED || change.type() == EventType.FAILED;
    }

    private static String reasonOf(Change change) {
        if (change.type() == EventType.DELETED && change.actor().kind() == Actor.Kind.service) {
            return "Expired";
        }
        String name = change.type().name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String messageOf(Change change) {
        String by = describe(change.actor());
        return switch (change.type()) {
            case CREATED -> "Requested by " + change.actor().username() + " for signer " + change.signerName();
            case APPROVED, DENIED -> conditionText(change) + " (" + change.type().name().toLowerCase(Locale.ROOT)
                    + " by " + by + ")";
            case ISSUED -> change.actor().kind() == Actor.Kind.service ? change.message()
                    : change.message() + " (by " + by + ")";
            case FAILED -> conditionText(change) + " (reported by " + by + ")";
            case DELETED -> change.actor().kind() == Actor.Kind.service ? conditionText(change)
                    : "Deleted by " + by;
            default -> throw new IllegalArgumentException(change.type() + " is not a lifecycle change");
        };
    }

    private static String conditionText(Change change) {
        String reason = change.reason() == null ? "" : change.reason();
        String message = change.message() == null ? "" : change.message();
        if (reason.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? reason : reason + ": " + message;
    }

    private static String describe(Actor actor) {
        return switch (actor.kind()) {
            case user -> "user " + actor.username();
            case policy -> "policy " + actor.username();
            case service -> actor.username();
        };
    }

    /** kubectl prints this under "From": the service that acted, or the user or policy that decided. */
    private static String componentOf(Actor actor) {
        return switch (actor.kind()) {
            case user -> "user/" + actor.username();
            case policy -> "policy/" + actor.username();
            case service -> actor.username();
        };
    }
}
