package io.certpipe.gc.tracking;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.BatchProcessing;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every lifecycle event into the retention entries, a poll's batch in one transaction. A failure that can pass
 * (the database is down) is retried in place, within the retry bound; anything else parks the event on the dead-letter
 * topic, and the change it reports is not tracked: the request's deadline stays what the events before it made it.
 */
@ApplicationScoped
public class LifecycleConsumer {

    /** The incoming channel reading {@code Topics.LIFECYCLE}; its Kafka settings are in application.properties. */
    public static final String CHANNEL = "lifecycle";

    private final RetentionTracker tracker;
    private final BatchProcessing processing;

    public LifecycleConsumer(RetentionTracker tracker, BatchProcessing processing) {
        this.tracker = tracker;
        this.processing = processing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLifecycleEvents(KafkaRecordBatch<String, String> batch) {
        return processing.process(CHANNEL, batch, this::trackAll);
    }

    private Uni<Void> trackAll(List<CloudEvent> events) {
        events.forEach(LifecycleConsumer::requireTrackable);
        return tracker.trackAll(events);
    }

    /** Throws for an event that cannot be tracked, so that it is parked with this reason. */
    private static void requireTrackable(CloudEvent event) {
        LifecycleData data = (LifecycleData) event.data();
        if (data.csr() == null && event.eventType() != EventType.DELETED) {
            throw new MalformedEventException(event.type() + " event " + event.id() + " carries no request");
        }
        if (event.time() == null) {
            throw new MalformedEventException("lifecycle event " + event.id() + " has no time");
        }
    }
}
