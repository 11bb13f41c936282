package io.certpipe.intake.inbox;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.event.EventType;
import io.certpipe.intake.csr.CsrStore;
import io.certpipe.intake.kube.DryRun;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes what the controllers answer: approval decisions, signing results and expirations. Each record goes through
 * the same {@link CsrStore#apply} path as an API call. A failure that can pass (the database is down) is retried in
 * place, within the retry bound; anything else parks the event on the channel's dead-letter topic and leaves the
 * request as it was (docs/operations.md says what each parked answer means and how to replay it).
 */
@ApplicationScoped
public class ControllerResults {

    public static final String DECISIONS = "approval-decisions";
    public static final String SIGNING_RESULTS = "signing-results";
    public static final String EXPIRATIONS = "gc-expirations";

    private static final Logger LOG = Logger.getLogger(ControllerResults.class);

    private final CsrStore store;
    private final EventProcessing processing;

    public ControllerResults(CsrStore store, EventProcessing processing) {
        this.store = store;
        this.processing = processing;
    }

    @Incoming(DECISIONS)
    public Uni<Void> decision(ConsumerRecord<String, String> record) {
        return apply(DECISIONS, record, Set.of(EventType.DECIDED));
    }

    @Incoming(SIGNING_RESULTS)
    public Uni<Void> signingResult(ConsumerRecord<String, String> record) {
        return apply(SIGNING_RESULTS, record, Set.of(EventType.SIGNED, EventType.SIGNING_FAILED));
    }

    @Incoming(EXPIRATIONS)
    public Uni<Void> expiration(ConsumerRecord<String, String> record) {
        return apply(EXPIRATIONS, record, Set.of(EventType.EXPIRED));
    }

    private Uni<Void> apply(String channel, ConsumerRecord<String, String> record, Set<EventType> expected) {
        return processing.process(channel, record, event -> {
            if (event.eventType() == EventType.TO_BE_SIGNED) {
                // The CA's audit record before it signs: it changes no request.
                return Uni.createFrom().voidItem();
            }
            InboundChanges inbound = InboundChanges.of(event, expected);
            if (inbound.change().changesNothing()) {
                // A DEFER decision: no request is looked up, locked or written for it.
                return Uni.createFrom().voidItem();
            }
            // A controller's answer is a real change: dry runs are an API option.
            return store.apply(inbound.lookup(), inbound.change(), DryRun.OFF).invoke(applied -> {
                if (applied == null) {
                    LOG.debugf("dropped %s %s: no request %s in cluster %s", event.type(), event.id(),
                            event.csruid(), event.cluster());
                }
            });
        });
    }
}
