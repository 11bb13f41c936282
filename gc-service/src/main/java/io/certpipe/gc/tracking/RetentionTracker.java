package io.certpipe.gc.tracking;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.gc.GcConfig;
import io.certpipe.gc.retention.RetentionSchedule;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/** Keeps one {@link RetentionEntry} per request up to date with the lifecycle stream. */
@ApplicationScoped
public class RetentionTracker {

    private final Mutiny.SessionFactory sessionFactory;
    private final RetentionSchedule schedule;

    public RetentionTracker(Mutiny.SessionFactory sessionFactory, GcConfig config) {
        this.sessionFactory = sessionFactory;
        this.schedule = RetentionSchedule.from(config);
    }

    /** Applies {@code event} (showing {@code csr}, null for a deletion) to its request's entry, creating it if new. */
    public Uni<Void> track(CloudEvent event, CsrSnapshot csr) {
        return sessionFactory.withTransaction(session -> find(session, event)
                .chain(existing -> {
                    RetentionEntry entry = existing != null ? existing
                            : RetentionEntry.of(event.cluster(), event.csruid(), event.subject());
                    entry.apply(event.eventType(), csr, event.time(), schedule);
                    return existing != null ? Uni.createFrom().voidItem() : session.persist(entry);
                }));
    }

    private static Uni<RetentionEntry> find(Mutiny.Session session, CloudEvent event) {
        return session.createSelectionQuery("from RetentionEntry where cluster = :cluster and csrUid = :uid",
                        RetentionEntry.class)
                .setParameter("cluster", event.cluster())
                .setParameter("uid", event.csruid())
                .getSingleResultOrNull();
    }
}
