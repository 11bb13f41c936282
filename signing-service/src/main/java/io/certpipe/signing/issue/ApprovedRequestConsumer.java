package io.certpipe.signing.issue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.BatchProcessing;
import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.consumer.ParkedRecordException;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the lifecycle stream a poll's batch at a time and answers its {@code APPROVED} events together
 * ({@link Issuance#onApproved(List)}); every other type is skipped. Nothing is signed for a
 * record intake-service did not sign: {@link EventProcessing} refuses it unread and parks it (whatever it claims,
 * {@link Issuance#onParked} is not told about it either). A failure that can pass
 * (database down, CA key not answering) is retried in place, within the retry bound; an approval given up on is
 * parked on the dead-letter topic, and its request ends {@code Failed} where no certificate can exist for it
 * ({@link Issuance#onParked}).
 */
@ApplicationScoped
public class ApprovedRequestConsumer {

    /** The channel of {@code Topics.LIFECYCLE}; its dead letters go to {@code Topics.LIFECYCLE_DLQ_SIGNING}. */
    public static final String CHANNEL = "lifecycle";

    private final Issuance issuance;
    private final BatchProcessing processing;

    public ApprovedRequestConsumer(Issuance issuance, BatchProcessing processing) {
        this.issuance = issuance;
        this.processing = processing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processing.process(CHANNEL, batch, issuance::onApproved, this::beforeParking);
    }

    private Uni<Void> beforeParking(CloudEvent event, ParkedRecordException parked) {
        if (event.eventType() != EventType.APPROVED) {
            return Uni.createFrom().voidItem();
        }
        return issuance.onParked(event, parked);
    }
}
