package io.certpipe.approval.decision;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the lifecycle stream and decides every newly created request; every other lifecycle event is acknowledged and
 * ignored. A record that is not a certpipe event fails with {@link MalformedEventException} and is parked on the
 * dead-letter topic; any other failure (the database is down) is retried in place until it passes.
 */
@ApplicationScoped
public class CreatedRequestConsumer {

    /** The incoming channel reading {@code Topics.LIFECYCLE}; its Kafka settings are in application.properties. */
    public static final String CHANNEL = "lifecycle";

    private static final Logger LOG = Logger.getLogger(CreatedRequestConsumer.class);

    private final DecisionService decisions;
    private final ApprovalConfig.Retry retry;

    public CreatedRequestConsumer(DecisionService decisions, ApprovalConfig config) {
        this.decisions = decisions;
        this.retry = config.retry();
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLifecycleEvent(String record) {
        return Uni.createFrom().item(() -> EventCodec.decode(record))
                .chain(this::decideIfCreated)
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .invoke(failure -> LOG.warnf("lifecycle record not processed yet, retrying: %s", failure.toString()))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely();
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
