package io.certpipe.common.consumer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How a certpipe consumer handles the records of one poll at once ({@code Binding.inBatches()}), so that they cost
 * one database transaction instead of one each. Each record is read exactly as {@link EventProcessing} reads one: a
 * refused or malformed record is parked on its own, with the same log line and counters, and the rest go on. The
 * events read are handed to the service's batch handler in record order (a request's events share a partition, so
 * they stay in offset order), which applies them in one transaction.
 *
 * <p>A batch that fails for a transient reason is retried whole, in place, within the same bound as one record. A
 * batch that fails otherwise (or still fails at the bound) is applied again record by record, each as a batch of one
 * and exactly as {@link EventProcessing} applies one: the record that broke the batch is parked with its own reason
 * and the others are applied. Handlers return early on what they have applied before, so nothing is applied twice.
 *
 * <p>Acknowledgement is per record: each parked record is nacked, which makes the connector's dead-letter strategy
 * park it and acknowledge it; then the last record of each partition is acknowledged, which is what the connector's
 * commit strategy waits for in batch mode (it only tracks those), and its offset covers the records before it.
 */
@ApplicationScoped
public class BatchProcessing {

    /** Distribution of records per batch, tagged {@code channel}; its count is the number of batches. */
    public static final String BATCH_SIZE = "certpipe.consumer.batch.size";

    private static final Logger LOG = Logger.getLogger(BatchProcessing.class);

    private final EventProcessing processing;
    private final ConsumerRetryConfig retry;
    private final MeterRegistry meters;

    public BatchProcessing(EventProcessing processing, ConsumerRetryConfig retry, MeterRegistry meters) {
        this.processing = processing;
        this.retry = retry;
        this.meters = meters;
    }

    /** A record of the batch that held an event, and that event. */
    private record Read(KafkaRecord<String, String> record, CloudEvent event) {
    }

    /**
     * Processes {@code batch}, read on {@code channel}: applies its events with {@code handler} in one go, or one by
     * one when the batch cannot be applied whole. Call it from an {@code @Incoming} method taking the batch and return
     * the result. It acknowledges or parks every record itself, and fails only when the connector cannot do that.
     */
    public Uni<Void> process(String channel, KafkaRecordBatch<String, String> batch,
            Function<List<CloudEvent>, Uni<?>> handler) {
        return process(channel, batch, handler, (event, parking) -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #process(String, KafkaRecordBatch, Function)}, and before an event applied on its own is parked, lets
     * {@code beforeParking} record what that means for its request, as
     * {@link EventProcessing#process(String, ConsumerRecord, Function, BiFunction)} does.
     */
    public Uni<Void> process(String channel, KafkaRecordBatch<String, String> batch,
            Function<List<CloudEvent>, Uni<?>> handler,
            BiFunction<CloudEvent, ParkedRecordException, Uni<?>> beforeParking) {
        sizes(channel).record(batch.getRecords().size());
        Executor context = VertxContexts.current();
        Map<KafkaRecord<String, String>, ParkedRecordException> parked = new IdentityHashMap<>();
        List<Read> reads = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                reads.add(new Read(record, processing.read(channel, consumerRecord(record))));
            } catch (ParkedRecordException refused) {
                parked.put(record, refused);
            }
        }
        Uni<Void> applied = reads.isEmpty() ? Uni.createFrom().voidItem()
                : applyAll(channel, reads, handler, beforeParking, context, parked);
        return applied.chain(() -> acknowledge(batch, parked));
    }

    /**
     * Processes {@code batch} of records that are no certpipe events: requests that automation clients produce, which
     * carry no event signature (the topic a request arrives on is its sender's identity) and which {@code handler}
     * answers itself, record by record, whatever they hold. The batch is retried and, failing that, taken record by
     * record as {@link #process} takes events; a record that still fails is parked.
     */
    public Uni<Void> processRecords(String channel, KafkaRecordBatch<String, String> batch,
            Function<List<ConsumerRecord<String, String>>, Uni<?>> handler) {
        sizes(channel).record(batch.getRecords().size());
        Executor context = VertxContexts.current();
        Map<KafkaRecord<String, String>, ParkedRecordException> parked = new IdentityHashMap<>();
        List<KafkaRecord<String, String>> records = new ArrayList<>();
        batch.forEach(records::add);
        List<ConsumerRecord<String, String>> consumerRecords = records.stream()
                .map(BatchProcessing::consumerRecord).toList();
        Uni<Void> applied = new TransientRetry(retry)
                .run(channel, "a batch of " + records.size() + " records", () -> handler.apply(consumerRecords),
                        context)
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("%s: a batch of %d records failed, applying them one by one: %s", channel,
                            records.size(), failure);
                    Uni<Void> oneByOne = Uni.createFrom().voidItem();
                    for (KafkaRecord<String, String> record : records) {
                        oneByOne = oneByOne.chain(() -> processing.applyRecord(channel, consumerRecord(record),
                                        alone -> handler.apply(List.of(alone)), context)
                                .onFailure(ParkedRecordException.class).recoverWithItem(given -> {
                                    parked.put(record, (ParkedRecordException) given);
                                    return null;
                                }));
                    }
                    return oneByOne;
                });
        return applied.chain(() -> acknowledge(batch, parked));
    }

    private Uni<Void> applyAll(String channel, List<Read> reads, Function<List<CloudEvent>, Uni<?>> handler,
            BiFunction<CloudEvent, ParkedRecordException, Uni<?>> beforeParking, Executor context,
            Map<KafkaRecord<String, String>, ParkedRecordException> parked) {
        List<CloudEvent> events = reads.stream().map(Read::event).toList();
        return new TransientRetry(retry)
                .run(channel, "a batch of " + events.size() + " events", () -> handler.apply(events), context)
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("%s: a batch of %d events failed, applying them one by one: %s", channel,
                            events.size(), failure);
                    return oneByOne(channel, reads, handler, beforeParking, context, parked);
                });
    }

    private Uni<Void> oneByOne(String channel, List<Read> reads, Function<List<CloudEvent>, Uni<?>> handler,
            BiFunction<CloudEvent, ParkedRecordException, Uni<?>> beforeParking, Executor context,
            Map<KafkaRecord<String, String>, ParkedRecordException> parked) {
        Function<CloudEvent, Uni<?>> alone = event -> handler.apply(List.of(event));
        Uni<Void> applied = Uni.createFrom().voidItem();
        for (Read read : reads) {
            applied = applied.chain(() -> processing.apply(channel, read.event(), alone, beforeParking, context)
                    .onFailure(ParkedRecordException.class).recoverWithItem(failure -> {
                        parked.put(read.record(), (ParkedRecordException) failure);
                        return null;
                    }));
        }
        return applied;
    }

    /**
     * Parks the records given up on, one after the other so that each is on its dead-letter topic before any offset
     * after it is committed, then acknowledges the last record of each partition that was not parked.
     */
    private static Uni<Void> acknowledge(KafkaRecordBatch<String, String> batch,
            Map<KafkaRecord<String, String>, ParkedRecordException> parked) {
        Uni<Void> acknowledged = Uni.createFrom().voidItem();
        for (KafkaRecord<String, String> record : batch) {
            ParkedRecordException reason = parked.get(record);
            if (reason != null) {
                acknowledged = acknowledged.chain(() -> Uni.createFrom().completionStage(() -> record.nack(reason)));
            }
        }
        for (KafkaRecord<String, String> last : batch.getLatestOffsetRecords().values()) {
            if (!parked.containsKey(last)) {
                acknowledged = acknowledged.chain(() -> Uni.createFrom().completionStage(last::ack));
            }
        }
        return acknowledged;
    }

    /** The record as Kafka delivered it, which the verifier reads; the connector's metadata type is raw. */
    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getRecord();
    }

    private DistributionSummary sizes(String channel) {
        return DistributionSummary.builder(BATCH_SIZE)
                .description("records per batch a consumer polled and processed together")
                .baseUnit("records")
                .tag("channel", channel)
                .register(meters);
    }
}
