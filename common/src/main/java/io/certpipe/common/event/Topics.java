package io.certpipe.common.event;

import java.util.List;

/**
 * Every Kafka topic certpipe uses, with the partition count it is created with. {@code ./certpipe up} creates them
 * from {@link #all()} (run this class's {@code main}), so the list here is the only one.
 */
public final class Topics {

    /** Written by intake only: the audit stream and what every controller reacts to. Key {@code <cluster>/<uid>}. */
    public static final String LIFECYCLE = "certpipe.csr.lifecycle.v1";
    /** approval-service to intake: approve, deny or leave for a human. */
    public static final String APPROVAL_DECISIONS = "certpipe.approval.decisions.v1";
    /** signing-service to intake, and the CA's own issuance log. */
    public static final String SIGNING_RESULTS = "certpipe.signing.results.v1";
    /** gc-service to intake: requests past their Kubernetes retention. */
    public static final String GC_EXPIRATIONS = "certpipe.gc.expirations.v1";

    /** Dead-letter topics, one per consuming service and input, named {@code <input>.dlq.<consumer>}. */
    public static final String LIFECYCLE_DLQ_APPROVAL = LIFECYCLE + ".dlq.approval-service";
    public static final String LIFECYCLE_DLQ_SIGNING = LIFECYCLE + ".dlq.signing-service";
    public static final String LIFECYCLE_DLQ_GC = LIFECYCLE + ".dlq.gc-service";
    public static final String APPROVAL_DECISIONS_DLQ_INTAKE = APPROVAL_DECISIONS + ".dlq.intake-service";
    public static final String SIGNING_RESULTS_DLQ_INTAKE = SIGNING_RESULTS + ".dlq.intake-service";
    public static final String GC_EXPIRATIONS_DLQ_INTAKE = GC_EXPIRATIONS + ".dlq.intake-service";

    public static final int EVENT_PARTITIONS = 6;
    public static final int DEAD_LETTER_PARTITIONS = 1;

    public record Topic(String name, int partitions) {
    }

    private Topics() {
    }

    public static List<Topic> all() {
        return List.of(
                new Topic(LIFECYCLE, EVENT_PARTITIONS),
                new Topic(APPROVAL_DECISIONS, EVENT_PARTITIONS),
                new Topic(SIGNING_RESULTS, EVENT_PARTITIONS),
                new Topic(GC_EXPIRATIONS, EVENT_PARTITIONS),
                new Topic(LIFECYCLE_DLQ_APPROVAL, DEAD_LETTER_PARTITIONS),
                new Topic(LIFECYCLE_DLQ_SIGNING, DEAD_LETTER_PARTITIONS),
                new Topic(LIFECYCLE_DLQ_GC, DEAD_LETTER_PARTITIONS),
                new Topic(APPROVAL_DECISIONS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS),
                new Topic(SIGNING_RESULTS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS),
                new Topic(GC_EXPIRATIONS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS));
    }

    /** Prints {@code <name> <partitions>} per line; the topic bootstrap of {@code ./certpipe} reads it. */
    public static void main(String[] args) {
        all().forEach(topic -> System.out.println(topic.name() + " " + topic.partitions()));
    }
}
