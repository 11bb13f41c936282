package io.certpipe.intake.inbox;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.intake.csr.CsrStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes what the controllers answer: approval decisions, signing results and expirations. Each record goes through
 * the same {@link CsrStore#apply} path as an API call. A record that is not a certpipe event fails, and the connector
 * parks it on the channel's dead-letter topic; a database failure is retried in place until it succeeds.
 */
@ApplicationScoped
public class ControllerResults {

    public static final String DECISIONS = "approval-decisions";
    public static final String SIGNING_RESULTS = "signing-results";
    public static final String EXPIRATIONS = "gc-expirations";

    private static final Logger LOG = Logger.getLogger(ControllerResults.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final CsrStore store;

    public ControllerResults(CsrStore store) {
        this.store = store;
    }

    @Incoming(DECISIONS)
    public Uni<Void> decision(String record) {
        return apply(record, Set.of(EventType.DECIDED));
    }

    @Incoming(SIGNING_RESULTS)
    public Uni<Void> signingResult(String record) {
        return apply(record, Set.of(EventType.SIGNED, EventType.SIGNING_FAILED));
    }

    @Incoming(EXPIRATIONS)
    public Uni<Void> expiration(String record) {
        return apply(record, Set.of(EventType.EXPIRED));
    }

    private Uni<Void> apply(String record, Set<EventType> expected) {
        InboundChanges inbound;
        CloudEvent event;
        try {
            event = EventCodec.decode(record);
            inbound = InboundChanges.of(event, expected);
        } catch (MalformedEventException malformed) {
            LOG.warnf("dead-lettering a malformed record: %s", malformed.getMessage());
            return Uni.createFrom().failure(malformed);
        }
        // Hibernate Reactive must run on this record's Vert.x context, retries too (they resubscribe from a timer).
        Context context = Vertx.currentContext();
        Executor onRecordContext = context == null ? Runnable::run
                : task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom().deferred(() -> store.apply(inbound.lookup(), inbound.change()))
                .runSubscriptionOn(onRecordContext)
                .onFailure().invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.toString()))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .invoke(applied -> {
                    if (applied == null) {
                        LOG.debugf("dropped %s %s: no request %s in cluster %s", event.type(), event.id(),
                                event.csruid(), event.cluster());
                    }
                })
                .replaceWithVoid();
    }
}
