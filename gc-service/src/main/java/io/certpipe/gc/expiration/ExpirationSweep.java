package io.certpipe.gc.expiration;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.gc.GcConfig;
import io.certpipe.gc.tracking.RetentionEntry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Periodically publishes an {@code EXPIRED} event for every request past its deadline, and marks it sent in the same
 * transaction. intake deletes the request and publishes {@code DELETED}, which retires the entry; if that has not
 * happened {@code resend-after} later (the event was lost with a crashed intake, say), the expiration is sent again.
 * Intake treats a repeated expiration of a deleted request as a no-op.
 */
@ApplicationScoped
public class ExpirationSweep {

    public static final String SOURCE = "/certpipe/gc-service";
    public static final String SERVICE = "gc-service";

    private static final Logger LOG = Logger.getLogger(ExpirationSweep.class);

    private final Mutiny.SessionFactory sessionFactory;
    private final Outbox outbox;
    private final GcConfig config;

    public ExpirationSweep(Mutiny.SessionFactory sessionFactory, Outbox outbox, GcConfig config) {
        this.sessionFactory = sessionFactory;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Runs on a scheduler worker thread, off any Vert.x context: every database call goes through
     * {@link VertxContextSupport#subscribeAndAwait}, which runs it on a fresh Vert.x context as Hibernate Reactive
     * requires and blocks this worker until it completes.
     */
    @Scheduled(identity = "gc-expiration-sweep", every = "${certpipe.gc.sweep.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws Throwable {
        Instant now = Instant.now();
        int published;
        do {
            published = VertxContextSupport.subscribeAndAwait(() -> expireDue(now));
        } while (published == config.sweep().batchSize());
        VertxContextSupport.subscribeAndAwait(() -> purgeTombstones(now));
    }

    /** Publishes expirations for up to one batch of entries due at {@code now}; returns how many. */
    Uni<Integer> expireDue(Instant now) {
        Instant resendBefore = now.minus(config.sweep().resendAfter());
        return outbox.inTransaction(session -> session.createSelectionQuery("""
                        from RetentionEntry
                        where deletedAt is null and deadline < :now
                          and (expirationSentAt is null or expirationSentAt < :resendBefore)
                        order by deadline""", RetentionEntry.class)
                .setParameter("now", now)
                .setParameter("resendBefore", resendBefore)
                .setMaxResults(config.sweep().batchSize())
                // The consumer updates these rows too: lock them so neither transaction overwrites the other's write.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .chain(due -> publishAll(session, due, now)));
    }

    private Uni<Integer> publishAll(Mutiny.Session session, List<RetentionEntry> due, Instant now) {
        Uni<Void> staged = Uni.createFrom().voidItem();
        for (RetentionEntry entry : due) {
            staged = staged.chain(() -> publish(session, entry, now));
        }
        return staged.replaceWith(due.size());
    }

    private Uni<Void> publish(Mutiny.Session session, RetentionEntry entry, Instant now) {
        var expiry = entry.expiry();
        LOG.infof("%s/%s (uid %s) expires: %s", entry.cluster, entry.csrName, entry.csrUid, expiry.rule().reason());
        entry.expirationSentAt = now;
        ExpirationData data = new ExpirationData(Actor.service(SERVICE), expiry.rule().reason(), expiry.message(),
                entry.resourceVersion);
        return outbox.stage(session, CloudEvent.of(EventType.EXPIRED, SOURCE, entry.cluster, entry.csrName,
                entry.csrUid, data));
    }

    private Uni<Integer> purgeTombstones(Instant now) {
        return sessionFactory.withTransaction(session -> session
                .createMutationQuery("delete from RetentionEntry where deletedAt < :cutoff")
                .setParameter("cutoff", now.minus(config.tombstoneRetention()))
                .executeUpdate());
    }
}
