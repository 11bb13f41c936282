package io.certpipe.common.outbox;

import java.time.Instant;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The transactional outbox: a service writes its state change and the events reporting it in one transaction, and the
 * relay sends them after the commit. A crash between the write and the send therefore loses nothing.
 */
@ApplicationScoped
public class Outbox {

    private final Mutiny.SessionFactory sessionFactory;
    private final OutboxRelay relay;

    public Outbox(Mutiny.SessionFactory sessionFactory, OutboxRelay relay) {
        this.sessionFactory = sessionFactory;
        this.relay = relay;
    }

    /** Runs {@code work} in a transaction and wakes the relay once it has committed. */
    public <T> Uni<T> inTransaction(Function<Mutiny.Session, Uni<T>> work) {
        return sessionFactory.withTransaction((session, transaction) -> work.apply(session))
                .invoke(relay::wake);
    }

    /** Adds {@code event} to the transaction of {@code session}; it is sent only if that transaction commits. */
    public Uni<Void> stage(Mutiny.Session session, CloudEvent event) {
        return stagePayload(session, event).replaceWithVoid();
    }

    /**
     * Adds {@code event} as {@link #stage} does and answers its payload: the text the relay will send, whose UTF-8
     * bytes are the record value, for a writer that must know exactly what goes on the wire (the lifecycle chain).
     */
    public Uni<String> stagePayload(Mutiny.Session session, CloudEvent event) {
        return stage(session, event.topic(), event.key(), EventCodec.encode(event));
    }

    /**
     * Adds a record that is no CloudEvent (a document on a compacted topic) to the transaction of {@code session}; it
     * is signed and sent like any event. Answers the payload staged.
     */
    public Uni<String> stage(Mutiny.Session session, String topic, String key, String payload) {
        OutboxRecord record = new OutboxRecord();
        record.topic = topic;
        record.recordKey = key;
        record.payload = payload;
        record.createdAt = Instant.now();
        return session.persist(record).replaceWith(record.payload);
    }
}
