package io.certpipe.intake.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.BatchProcessing;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.intake.csr.CsrChange;
import io.certpipe.intake.csr.CsrStore;
import io.certpipe.intake.history.RequestHistory;
import io.certpipe.kube.DryRun;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes what the controllers answer: approval decisions, signing results and expirations, a poll's batch at a
 * time. Each change goes through the same {@link CsrStore#apply} path as an API call; the changes of a batch are
 * submitted together, so the store commits each cluster's share in one transaction (its group commit), in record
 * order. A failure that can pass (the database is down) is retried in place, within the retry bound; anything else
 * parks the event on the channel's dead-letter topic and leaves the request as it was (docs/operations.md says what
 * each parked answer means and how to replay it).
 */
@ApplicationScoped
public class ControllerResults {

    public static final String DECISIONS = "approval-decisions";
    public static final String SIGNING_RESULTS = "signing-results";
    public static final String EXPIRATIONS = "gc-expirations";

    private static final Logger LOG = Logger.getLogger(ControllerResults.class);

    private final CsrStore store;
    private final BatchProcessing processing;
    private final RequestHistory history;

    public ControllerResults(CsrStore store, BatchProcessing processing, RequestHistory history) {
        this.store = store;
        this.processing = processing;
        this.history = history;
    }

    @Incoming(DECISIONS)
    public Uni<Void> decisions(KafkaRecordBatch<String, String> batch) {
        return apply(DECISIONS, batch, Set.of(EventType.DECIDED));
    }

    @Incoming(SIGNING_RESULTS)
    public Uni<Void> signingResults(KafkaRecordBatch<String, String> batch) {
        return apply(SIGNING_RESULTS, batch, Set.of(EventType.SIGNED, EventType.SIGNING_FAILED));
    }

    @Incoming(EXPIRATIONS)
    public Uni<Void> expirations(KafkaRecordBatch<String, String> batch) {
        return apply(EXPIRATIONS, batch, Set.of(EventType.EXPIRED));
    }

    private Uni<Void> apply(String channel, KafkaRecordBatch<String, String> batch, Set<EventType> expected) {
        return processing.process(channel, batch, events -> applyAll(events, expected));
    }

    /**
     * Submits every change {@code events} ask for at once, in order; completes when all are committed and fails if
     * any failed (the batch is then taken one by one, and what was committed is a no-op the second time).
     */
    private Uni<Void> applyAll(List<CloudEvent> events, Set<EventType> expected) {
        List<Uni<Void>> applied = new ArrayList<>();
        List<RequestHistory.Deferral> deferrals = new ArrayList<>();
        for (CloudEvent event : events) {
            if (event.eventType() == EventType.TO_BE_SIGNED) {
                // The CA's audit record before it signs: it changes no request.
                continue;
            }
            InboundChanges inbound = InboundChanges.of(event, expected);
            if (inbound.change() instanceof CsrChange.Decide(DecisionData deferral)
                    && inbound.change().changesNothing()) {
                // A DEFER decision: no request is locked or changed for it, only its explanation is filed.
                deferrals.add(new RequestHistory.Deferral(event.cluster(), UUID.fromString(event.csruid()),
                        deferral.reason(), deferral.message()));
                continue;
            }
            // A controller's answer is a real change: dry runs are an API option.
            applied.add(store.apply(inbound.lookup(), inbound.change(), DryRun.OFF).invoke(stored -> {
                if (stored == null) {
                    LOG.debugf("dropped %s %s: no request %s in cluster %s", event.type(), event.id(),
                            event.csruid(), event.cluster());
                }
            }).replaceWithVoid());
        }
        if (!deferrals.isEmpty()) {
            applied.add(history.recordDeferrals(deferrals, Instant.now()));
        }
        return applied.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(applied).andCollectFailures().replaceWithVoid();
    }
}
