package io.certpipe.gc.tracking;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every lifecycle event into the retention entries. A failure that can pass (the database is down) is retried in
 * place, within the retry bound; anything else parks the event on the dead-letter topic, and the change it reports is
 * not tracked: the request's deadline stays what the events before it made it.
 */
@ApplicationScoped
public class LifecycleConsumer {

    /** The incoming channel reading {@code Topics.LIFECYCLE}; its Kafka settings are in application.properties. */
    public static final String CHANNEL = "lifecycle";

    private final RetentionTracker tracker;
    private final EventProcessing processing;

    public LifecycleConsumer(RetentionTracker tracker, EventProcessing processing) {
        this.tracker = tracker;
        this.processing = processing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLifecycleEvent(ConsumerRecord<String, String> record) {
        return processing.process(CHANNEL, record, this::track);
    }

    private Uni<Void> track(CloudEvent event) {
        LifecycleData data = (LifecycleData) event.data();
        if (data.csr() == null && event.eventType() != EventType.DELETED) {
            throw new MalformedEventException(event.type() + " event " + event.id() + " carries no request");
        }
        if (event.time() == null) {
            throw new MalformedEventException("lifecycle event " + event.id() + " has no time");
        }
        return tracker.track(event, data.csr());
    }
}
