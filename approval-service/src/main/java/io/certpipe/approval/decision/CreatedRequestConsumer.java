package io.certpipe.approval.decision;

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
 * Reads the lifecycle stream and decides every newly created request; every other lifecycle event is acknowledged and
 * ignored. A failure that can pass (the database is down) is retried in place, within the retry bound; anything else
 * parks the event on the dead-letter topic, and its request stays pending for a human, as if no policy had matched.
 */
@ApplicationScoped
public class CreatedRequestConsumer {

    /** The incoming channel reading {@code Topics.LIFECYCLE}; its Kafka settings are in application.properties. */
    public static final String CHANNEL = "lifecycle";

    private final DecisionService decisions;
    private final EventProcessing processing;

    public CreatedRequestConsumer(DecisionService decisions, EventProcessing processing) {
        this.decisions = decisions;
        this.processing = processing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLifecycleEvent(ConsumerRecord<String, String> record) {
        return processing.process(CHANNEL, record, this::decideIfCreated);
    }

    private Uni<Void> decideIfCreated(CloudEvent event) {
        if (event.eventType() != EventType.CREATED) {
            return Uni.createFrom().voidItem();
        }
        LifecycleData data = (LifecycleData) event.data();
        if (data.csr() == null) {
            throw new MalformedEventException("created event " + event.id() + " carries no request");
        }
        return decisions.decide(event, data.csr());
    }
}
