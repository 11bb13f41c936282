package io.certpipe.common.consumer;

import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.ParkedRecordException.Reason;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.signature.EventVerifier;
import io.certpipe.common.event.signature.RejectedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How every certpipe consumer handles one Kafka record: verify it, decode it, hand the event to the service, and sort
 * failures the way cert-manager does. A record is only read once its signature shows that its topic's publisher sent
 * it as it is ({@link EventVerifier}) and its event belongs to that topic; anything else is refused: parked at once,
 * never retried and never shown to the service, counted in {@value #REJECTED} and logged once as a security event.
 *
 * <p>A failure that can pass ({@link TransientFailures}: database down, lock conflict, timeout) is retried in place
 * with backoff for up to {@code certpipe.consumer.retry.give-up-after}. Anything else fails again on every attempt,
 * so the record is given up at once: a record that is not a certpipe event, one whose processing failed for good,
 * and one still failing at the bound are all parked on the channel's dead-letter topic by the connector, with the
 * failure in its headers, and the partition moves on to the next record. Each parked record is logged once and
 * counted in {@value #DEAD_LETTERED}. {@link BatchProcessing} reads and applies the records of a batch with the same
 * steps.
 */
@ApplicationScoped
public class EventProcessing {

    /** Counter of parked records, tagged {@code channel} and {@code reason} ({@link Reason#tag()}). */
    public static final String DEAD_LETTERED = "certpipe.events.dead.lettered";

    /** Counter of refused records, tagged {@code channel} and {@code reason} (RejectedEventException's reasons). */
    public static final String REJECTED = "certpipe.events.rejected";

    private static final Logger LOG = Logger.getLogger(EventProcessing.class);

    private final ConsumerRetryConfig retry;
    private final EventVerifier verifier;
    private final MeterRegistry meters;

    public EventProcessing(ConsumerRetryConfig retry, EventVerifier verifier, MeterRegistry meters) {
        this.retry = retry;
        this.verifier = verifier;
        this.meters = meters;
    }

    /**
     * Processes {@code record}, read on {@code channel}, with {@code handler}; call it from an {@code @Incoming} method
     * and return the result.
     */
    public Uni<Void> process(String channel, ConsumerRecord<String, String> record,
            Function<CloudEvent, Uni<?>> handler) {
        return process(channel, record, handler, (event, parked) -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #process(String, ConsumerRecord, Function)}, and before an event is parked, lets
     * {@code beforeParking} record what that means for its request (where the service can say so safely). The record
     * is parked whether or not that succeeds. A refused record is never shown to it: what it says cannot be trusted.
     */
    public Uni<Void> process(String channel, ConsumerRecord<String, String> record,
            Function<CloudEvent, Uni<?>> handler, BiFunction<CloudEvent, ParkedRecordException, Uni<?>> beforeParking) {
        CloudEvent event;
        try {
            event = read(channel, record);
        } catch (ParkedRecordException parked) {
            return Uni.createFrom().failure(parked);
        }
        return apply(channel, event, handler, beforeParking, VertxContexts.current());
    }

    /**
     * The event {@code record} carries, once its signature and topic are checked; otherwise the record is refused or
     * malformed, which is counted and logged here and thrown as the {@link ParkedRecordException} to park it with.
     */
    CloudEvent read(String channel, ConsumerRecord<String, String> record) {
        try {
            verifier.verify(record);
            CloudEvent event = EventCodec.decode(record.value());
            if (!event.topic().equals(record.topic())) {
                throw new RejectedEventException(RejectedEventException.Reason.WRONG_TOPIC, event.type()
                        + " events travel on " + event.topic());
            }
            return event;
        } catch (RejectedEventException rejected) {
            throw refused(channel, record, rejected);
        } catch (MalformedEventException malformed) {
            LOG.warnf("%s: parking a record that is not a certpipe event: %s", channel, malformed.getMessage());
            throw counted(channel, new ParkedRecordException(Reason.MALFORMED, 1, malformed));
        }
    }

    /**
     * Applies {@code event} with {@code handler} on {@code context}, retrying what can pass within the bound; fails
     * with the {@link ParkedRecordException} to park its record with when it is given up.
     */
    Uni<Void> apply(String channel, CloudEvent event, Function<CloudEvent, Uni<?>> handler,
            BiFunction<CloudEvent, ParkedRecordException, Uni<?>> beforeParking, Executor context) {
        TransientRetry retrying = new TransientRetry(retry);
        return retrying.run(channel, describe(event), () -> handler.apply(event), context)
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> park(channel, describe(event), failure, retrying.attempts(),
                        context, parked -> beforeParking.apply(event, parked)));
    }

    /**
     * Applies {@code record}, which is no certpipe event, with {@code handler} on {@code context}, retrying what can
     * pass within the bound; fails with the {@link ParkedRecordException} to park it with when it is given up.
     */
    Uni<Void> applyRecord(String channel, ConsumerRecord<String, String> record,
            Function<ConsumerRecord<String, String>, Uni<?>> handler, Executor context) {
        TransientRetry retrying = new TransientRetry(retry);
        String what = "the record at " + record.topic() + "-" + record.partition() + " offset " + record.offset();
        return retrying.run(channel, what, () -> handler.apply(record), context)
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> park(channel, what, failure, retrying.attempts(), context,
                        parked -> Uni.createFrom().voidItem()));
    }

    private ParkedRecordException refused(String channel, ConsumerRecord<String, String> record,
            RejectedEventException rejected) {
        meters.counter(REJECTED, "channel", channel, "reason", rejected.reason().tag()).increment();
        LOG.errorf("security: %s: refused the record at %s-%d offset %d (key id %s), parking it: %s", channel,
                record.topic(), record.partition(), record.offset(), EventVerifier.namedKeyId(record),
                rejected.getMessage());
        return counted(channel, new ParkedRecordException(Reason.REJECTED, 1, rejected));
    }

    private Uni<Void> park(String channel, String what, Throwable failure, int attempts, Executor context,
            Function<ParkedRecordException, Uni<?>> beforeParking) {
        Reason reason = TransientFailures.isTransient(failure) ? Reason.RETRIES_EXHAUSTED : Reason.PERMANENT;
        ParkedRecordException parked = counted(channel, new ParkedRecordException(reason, attempts, failure));
        LOG.errorf(failure, "%s: parking %s on the dead-letter topic: %s", channel, what, parked.getMessage());
        return Uni.createFrom().deferred(() -> beforeParking.apply(parked))
                .runSubscriptionOn(context)
                .onFailure().invoke(unrecorded -> LOG.errorf(unrecorded, "%s: could not record what parking %s "
                        + "means for it; it stays as it is", channel, what))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().failure(parked));
    }

    private ParkedRecordException counted(String channel, ParkedRecordException parked) {
        meters.counter(DEAD_LETTERED, "channel", channel, "reason", parked.reason().tag()).increment();
        return parked;
    }

    /** The event and what it is about, as an operator looks it up: cluster, name, and a request's uid. */
    private static String describe(CloudEvent event) {
        String about = switch (event.eventType().scope()) {
            case REQUEST -> "request " + event.subject() + " (uid " + event.csruid() + ")";
            case SIGNER -> "signer " + event.subject();
        };
        return event.type() + " event " + event.id() + " about " + about + " in cluster " + event.cluster();
    }
}
