package io.certpipe.common.event.chain;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What {@link AuditVerifier} found: counts per cluster and in total, the breaks (anything that shows the stream is not
 * what intake-service published: a record it did not sign, an event missing, a chain link that does not match, an
 * event out of its request's order), and warnings that are no break (a copy of an event, which the outbox's
 * at-least-once delivery can produce). {@code newestSequences} is each cluster's newest chained event read;
 * {@code skipped} counts the records left out by a cluster filter.
 */
public record AuditReport(Map<String, Counts> clusters, Map<String, Long> newestSequences, Counts total,
        List<AuditFinding> breaks,
        List<AuditFinding> warnings, long skipped) {

    /** One cluster's figures, or their sum. */
    public record Counts(long events, long requests, long issued, long gaps, long badSignatures, long duplicates,
            long unchained) {

        Counts plus(Counts other) {
            return new Counts(events + other.events, requests + other.requests, issued + other.issued,
                    gaps + other.gaps, badSignatures + other.badSignatures, duplicates + other.duplicates,
                    unchained + other.unchained);
        }

        @Override
        public String toString() {
            return events + " events, " + requests + " requests, " + issued + " issued, " + gaps + " gaps, "
                    + badSignatures + " bad signatures, " + duplicates + " duplicates, " + unchained + " unchained";
        }
    }

    /** Whether some event of a cluster is missing, which may only mean the outbox relay is still sending it. */
    public boolean hasGaps() {
        return total.gaps() > 0;
    }

    public boolean intact() {
        return breaks.isEmpty();
    }

    public void print(PrintStream out) {
        clusters.forEach((cluster, counts) -> out.println("cluster " + cluster + ": " + counts + "; chain at event "
                + newestSequences.get(cluster)));
        out.println("total: " + total);
        if (skipped > 0) {
            out.println("skipped " + skipped + " records of other clusters or of none");
        }
        warnings.forEach(warning -> out.println("warning: " + warning));
        if (intact()) {
            out.println("intact: every event is signed by intake-service and every cluster's chain is whole");
        } else {
            out.println("BROKEN: " + breaks.size() + " problem(s); the first: " + breaks.getFirst());
            breaks.forEach(problem -> out.println("  " + problem));
        }
    }
}
