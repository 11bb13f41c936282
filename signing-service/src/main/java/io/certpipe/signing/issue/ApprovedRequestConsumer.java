package io.certpipe.signing.issue;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.ConsumerRetryConfig;
import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the lifecycle stream and answers {@code APPROVED} events; every other type is skipped. A record that is not a
 * certpipe event fails at once and is parked on the dead-letter topic; any other failure (database down, CA files
 * unusable) is retried in place with backoff, so no request is failed or skipped for a temporary reason.
 */
@ApplicationScoped
public class ApprovedRequestConsumer {

    /** The channel of {@code Topics.LIFECYCLE}; its dead letters go to {@code Topics.LIFECYCLE_DLQ_SIGNING}. */
    public static final String CHANNEL = "lifecycle";

    private final Issuance issuance;
    private final ConsumerRetryConfig retry;

    public ApprovedRequestConsumer(Issuance issuance, ConsumerRetryConfig retry) {
        this.issuance = issuance;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String record) {
        return EventProcessing.process(record, this::handle, retry);
    }

    private Uni<Void> handle(CloudEvent event) {
        if (event.eventType() != EventType.APPROVED) {
            return Uni.createFrom().voidItem();
        }
        return issuance.onApproved(event);
    }
}
