package io.certpipe.common.event.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventVerifier;
import io.certpipe.common.event.signature.RejectedEventException;

/**
 * Checks the lifecycle topic as an auditor reads it: every record signed by intake-service, as consumers demand, and
 * each cluster's events one whole chain ({@link LifecycleChain}). Pure: records in, {@link AuditReport} out. The
 * records may come in any order across partitions; within a partition they must be in offset order, as Kafka
 * delivers them.
 */
public final class AuditVerifier {

    private static final Comparator<ConsumerRecord<String, String>> PARTITION_ORDER = Comparator
            .comparing((ConsumerRecord<String, String> record) -> record.topic())
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    private final EventVerifier signatures;

    public AuditVerifier(EventVerifier signatures) {
        this.signatures = signatures;
    }

    /** Every cluster's records, each cluster's chain up to its newest event. */
    public AuditReport verify(List<ConsumerRecord<String, String>> records) {
        return verify(records, Optional.empty(), Map.of());
    }

    /**
     * The records of {@code cluster} (of every cluster if empty), each cluster's chain checked up to the sequence
     * {@code through} gives it (up to its newest event if none): later events wait for the next run.
     */
    public AuditReport verify(List<ConsumerRecord<String, String>> records, Optional<String> cluster,
            Map<String, Long> through) {
        List<AuditFinding> breaks = new ArrayList<>();
        List<AuditFinding> warnings = new ArrayList<>();
        Map<String, ClusterAudit> clusters = new TreeMap<>();
        long skipped = 0;
        long unattributedBadSignatures = 0;
        for (ConsumerRecord<String, String> record : records.stream().sorted(PARTITION_ORDER).toList()) {
            CloudEvent event = decodeOrNull(record.value());
            Optional<String> claimed = event != null ? Optional.of(event.cluster()) : clusterOfKey(record.key());
            if (cluster.isPresent() && !cluster.equals(claimed)) {
                skipped++;
                continue;
            }
            ClusterAudit audit = claimed.map(name -> clusters.computeIfAbsent(name,
                    ignored -> new ClusterAudit(name, breaks, warnings))).orElse(null);
            try {
                signatures.verify(record);
            } catch (RejectedEventException e) {
                breaks.add(AuditFinding.of(record, event, e.getMessage()));
                if (audit == null) {
                    unattributedBadSignatures++;
                } else {
                    audit.badSignature();
                }
                continue;
            }
            if (event == null) {
                breaks.add(AuditFinding.of(record, null, "signed by intake-service but no certpipe event"));
            } else if (!Topics.LIFECYCLE.equals(event.topic())) {
                breaks.add(AuditFinding.of(record, event, "a " + event.type() + " event has no place on "
                        + record.topic()));
            } else {
                audit.accept(record, event);
            }
        }
        Map<String, AuditReport.Counts> counts = new LinkedHashMap<>();
        Map<String, Long> newest = new TreeMap<>();
        AuditReport.Counts total = new AuditReport.Counts(0, 0, 0, 0, unattributedBadSignatures, 0, 0);
        for (Map.Entry<String, ClusterAudit> entry : clusters.entrySet()) {
            entry.getValue().checkChain(through.getOrDefault(entry.getKey(), Long.MAX_VALUE));
            counts.put(entry.getKey(), entry.getValue().counts());
            newest.put(entry.getKey(), entry.getValue().newestSequence());
            total = total.plus(entry.getValue().counts());
        }
        return new AuditReport(counts, newest, total, breaks, warnings, skipped);
    }

    /** The cluster a record's key {@code <cluster>/<uid>} names, for a record whose value says nothing. */
    private static Optional<String> clusterOfKey(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash > 0 ? Optional.of(key.substring(0, slash)) : Optional.empty();
    }

    private static CloudEvent decodeOrNull(String value) {
        try {
            return EventCodec.decode(value);
        } catch (MalformedEventException e) {
            return null;
        }
    }
}
