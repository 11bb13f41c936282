package io.certpipe.approval.decision;

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
 * Reads the lifecycle stream and decides every newly created request, all of a poll's batch in one transaction; every
 * other lifecycle event is acknowledged and ignored. A failure that can pass (the database is down) is retried in
 * place, within the retry bound; anything else parks the event on the dead-letter topic, and its request stays pending
 * for a human, as if no policy had matched.
 */
@ApplicationScoped
public class CreatedRequestConsumer {

    /** The incoming channel reading {@code Topics.LIFECYCLE}; its Kafka settings are in application.properties. */
    public static final String CHANNEL = "lifecycle";

    private final DecisionService decisions;
    private final BatchProcessing processing;

    public CreatedRequestConsumer(DecisionService decisions, BatchProcessing processing) {
        this.decisions = decisions;
        this.processing = processing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLifecycleEvents(KafkaRecordBatch<String, String> batch) {
        return processing.process(CHANNEL, batch, this::decideCreated);
    }

    private Uni<Void> decideCreated(List<CloudEvent> events) {
        List<CreatedRequest> created = events.stream()
                .filter(event -> event.eventType() == EventType.CREATED)
                .map(CreatedRequestConsumer::createdRequest)
                .toList();
        return created.isEmpty() ? Uni.createFrom().voidItem() : decisions.decideAll(created);
    }

    private static CreatedRequest createdRequest(CloudEvent created) {
        LifecycleData data = (LifecycleData) created.data();
        if (data.csr() == null) {
            throw new MalformedEventException("created event " + created.id() + " carries no request");
        }
        return new CreatedRequest(created, data.csr());
    }
}
