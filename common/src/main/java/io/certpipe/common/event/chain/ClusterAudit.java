package io.certpipe.common.event.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;

/**
 * One cluster's part of the audit stream: its verified lifecycle events, taken in the order each partition holds them,
 * then checked as a chain in sequence order ({@link LifecycleChain}). Records whose signature failed are only counted
 * here; the chain is made of what intake-service signed.
 */
final class ClusterAudit {

    private final String cluster;
    private final List<AuditFinding> breaks;
    private final List<AuditFinding> warnings;
    private final TreeMap<Long, Link> links = new TreeMap<>();
    private final Set<String> requests = new HashSet<>();
    /** Per record key (one request), the highest sequence read so far on its partition. */
    private final Map<String, Long> newestByKey = new HashMap<>();
    /** Partitions on which this cluster's chain has begun: an unchained event after that point is no old event. */
    private final Set<Integer> chainedPartitions = new HashSet<>();
    private long events;
    private long issued;
    private long badSignatures;
    private long duplicates;
    private long unchained;
    private long missing;

    private record Link(ConsumerRecord<String, String> record, CloudEvent event) {
    }

    ClusterAudit(String cluster, List<AuditFinding> breaks, List<AuditFinding> warnings) {
        this.cluster = cluster;
        this.breaks = breaks;
        this.warnings = warnings;
    }

    void badSignature() {
        badSignatures++;
    }

    /** Takes a record intake-service signed, read after every earlier record of its partition. */
    void accept(ConsumerRecord<String, String> record, CloudEvent event) {
        events++;
        requests.add(event.csruid());
        if (EventType.ISSUED.type().equals(event.type())) {
            issued++;
        }
        Long sequence = event.certpipeseq();
        if (sequence == null) {
            unchained++;
            if (chainedPartitions.contains(record.partition())) {
                breaks.add(AuditFinding.of(record, event, "an event without certpipeseq after the chain of cluster "
                        + cluster + " began on this partition"));
            }
            return;
        }
        chainedPartitions.add(record.partition());
        Link earlier = links.get(sequence);
        if (earlier != null) {
            if (earlier.record().value().equals(record.value())) {
                duplicates++;
                warnings.add(AuditFinding.of(record, event, "a copy of event " + sequence + " of cluster " + cluster
                        + " (first at partition " + earlier.record().partition() + " offset "
                        + earlier.record().offset() + ")"));
            } else {
                breaks.add(AuditFinding.of(record, event, "a second, different event " + sequence + " of cluster "
                        + cluster + " (the first is event " + earlier.event().id() + ")"));
            }
            return;
        }
        links.put(sequence, new Link(record, event));
        Long newest = newestByKey.get(record.key());
        if (newest != null && newest > sequence) {
            breaks.add(AuditFinding.of(record, event, "event " + sequence + " of cluster " + cluster
                    + " comes after event " + newest + " of the same request on its partition"));
        } else {
            newestByKey.put(record.key(), sequence);
        }
    }

    /** Checks the chain up to event {@code through}; events after it are left for the next run. */
    void checkChain(long through) {
        long expected = 1;
        String previousHash = LifecycleChain.GENESIS;
        Link previous = null;
        for (Link link : links.headMap(through, true).values()) {
            long sequence = link.event().certpipeseq();
            if (sequence != expected) {
                missing += sequence - expected;
                breaks.add(AuditFinding.of(link.record(), link.event(), (sequence - expected)
                        + " event(s) of cluster " + cluster + " missing before event " + sequence + ": "
                        + (sequence - expected == 1 ? "event " + expected : "events " + expected + " to "
                        + (sequence - 1))));
            } else if (!previousHash.equals(link.event().certpipeprevhash())) {
                breaks.add(AuditFinding.of(link.record(), link.event(), "certpipeprevhash of event " + sequence
                        + " of cluster " + cluster + " is not the hash of " + (previous == null ? "the genesis"
                        : "event " + previous.event().certpipeseq() + " (" + previous.event().id() + ")")));
            }
            expected = sequence + 1;
            previousHash = LifecycleChain.hashOf(link.record().value());
            previous = link;
        }
    }

    /** The sequence of the newest chained event read, 0 if none. */
    long newestSequence() {
        return links.isEmpty() ? 0 : links.lastKey();
    }

    AuditReport.Counts counts() {
        return new AuditReport.Counts(events, requests.size(), issued, missing, badSignatures, duplicates, unchained);
    }
}
