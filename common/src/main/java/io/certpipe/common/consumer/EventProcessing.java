package io.certpipe.common.consumer;

import java.util.function.Function;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.MalformedEventException;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * How every certpipe consumer handles one Kafka record: decode it, hand the event to the service, and sort failures the
 * way cert-manager does. A record that is not a certpipe event fails at once, so the connector parks it on the
 * channel's dead-letter topic and moves on; any other failure (database down) is temporary and retried in place with
 * backoff, for as long as it takes, so no request is skipped or failed for a passing reason.
 */
public final class EventProcessing {

    private static final Logger LOG = Logger.getLogger(EventProcessing.class);

    private EventProcessing() {
    }

    /** Processes {@code record} with {@code handler}; call it from an {@code @Incoming} method and return the result. */
    public static Uni<Void> process(String record, Function<CloudEvent, Uni<?>> handler, ConsumerRetryConfig retry) {
        CloudEvent event;
        try {
            event = EventCodec.decode(record);
        } catch (MalformedEventException malformed) {
            LOG.warnf("dead-lettering a record that is not a certpipe event: %s", malformed.getMessage());
            return Uni.createFrom().failure(malformed);
        }
        return Uni.createFrom().deferred(() -> handler.apply(event))
                // Retries resubscribe from a timer thread; Hibernate Reactive must stay on the record's Vert.x context.
                .runSubscriptionOn(VertxContexts.current())
                .onFailure(EventProcessing::isTemporary)
                .invoke(failure -> LOG.warnf("processing %s %s failed, retrying: %s", event.type(), event.id(),
                        failure.toString()))
                .onFailure(EventProcessing::isTemporary)
                .retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely()
                .replaceWithVoid();
    }

    private static boolean isTemporary(Throwable failure) {
        return !(failure instanceof MalformedEventException);
    }
}
