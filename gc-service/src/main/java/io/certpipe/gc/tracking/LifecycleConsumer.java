package io.certpipe.gc.tracking;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.ConsumerRetryConfig;
import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every lifecycle event into the retention entries. A record that is not a certpipe event fails with
 * {@link MalformedEventException} and is parked on the dead-letter topic; any other failure (the database is down) is
 * retried in place until it passes.
 */
@ApplicationScoped
public class LifecycleConsumer {

    /** The incoming channel reading {@code Topics.LIFECYCLE}; its Kafka settings are in application.properties. */
    public static final String CHANNEL = "lifecycle";

    private final RetentionTracker tracker;
    private final ConsumerRetryConfig retry;

    public LifecycleConsumer(RetentionTracker tracker, ConsumerRetryConfig retry) {
        this.tracker = tracker;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLifecycleEvent(String record) {
        return EventProcessing.process(record, this::track, retry);
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
