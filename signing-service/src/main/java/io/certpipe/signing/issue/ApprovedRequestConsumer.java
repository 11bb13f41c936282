package io.certpipe.signing.issue;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.signing.SigningConfig;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the lifecycle stream and answers {@code APPROVED} events; every other type is skipped. A record that is not a
 * certpipe event fails at once and is parked on the dead-letter topic; any other failure (database down, CA files
 * unusable) is retried in place with backoff, so no request is failed or skipped for a temporary reason.
 */
@ApplicationScoped
public class ApprovedRequestConsumer {

    /** The channel of {@code Topics.LIFECYCLE}; its dead letters go to {@code Topics.LIFECYCLE_DLQ_SIGNING}. */
    public static final String CHANNEL = "lifecycle";

    private static final Logger LOG = Logger.getLogger(ApprovedRequestConsumer.class);

    private final Issuance issuance;
    private final SigningConfig config;

    public ApprovedRequestConsumer(Issuance issuance, SigningConfig config) {
        this.issuance = issuance;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String record) {
        return Uni.createFrom().deferred(() -> handle(EventCodec.decode(record)))
                .onFailure(ApprovedRequestConsumer::isTemporary)
                .invoke(failure -> LOG.warnf("processing a lifecycle record failed, retrying: %s", failure.toString()))
                .onFailure(ApprovedRequestConsumer::isTemporary)
                .retry().withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff()).indefinitely();
    }

    private Uni<Void> handle(CloudEvent event) {
        if (event.eventType() != EventType.APPROVED) {
            return Uni.createFrom().voidItem();
        }
        return issuance.onApproved(event);
    }

    private static boolean isTemporary(Throwable failure) {
        return !(failure instanceof MalformedEventException);
    }
}
