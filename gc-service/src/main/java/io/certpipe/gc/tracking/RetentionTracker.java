package io.certpipe.gc.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.LifecycleData;
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

    /** A request as the lifecycle stream names it. */
    private record Request(String cluster, String csrUid) {

        static Request of(CloudEvent event) {
            return new Request(event.cluster(), event.csruid());
        }

        static Request of(RetentionEntry entry) {
            return new Request(entry.cluster, entry.csrUid);
        }
    }

    /**
     * Applies lifecycle {@code events}, in their order, each to its request's entry (made if new), in one transaction:
     * the entries are read in one query and written at the commit.
     */
    public Uni<Void> trackAll(List<CloudEvent> events) {
        return sessionFactory.withTransaction(session -> findEntries(session, events).chain(known -> {
            Map<Request, RetentionEntry> entries = new HashMap<>();
            known.forEach(entry -> entries.put(Request.of(entry), entry));
            List<RetentionEntry> created = new ArrayList<>();
            for (CloudEvent event : events) {
                RetentionEntry entry = entries.computeIfAbsent(Request.of(event), request -> {
                    RetentionEntry first = RetentionEntry.of(event.cluster(), event.csruid(), event.subject());
                    created.add(first);
                    return first;
                });
                entry.apply(event.eventType(), ((LifecycleData) event.data()).csr(), event.time(), schedule);
            }
            return session.persistAll(created.toArray());
        }));
    }

    /** The entries of the requests {@code events} are about (and perhaps a few more, sharing a uid or a cluster). */
    private static Uni<List<RetentionEntry>> findEntries(Mutiny.Session session, List<CloudEvent> events) {
        return session.createSelectionQuery("from RetentionEntry where csrUid in :uids and cluster in :clusters",
                        RetentionEntry.class)
                .setParameter("uids", events.stream().map(CloudEvent::csruid).distinct().toList())
                .setParameter("clusters", events.stream().map(CloudEvent::cluster).distinct().toList())
                .getResultList();
    }
}
