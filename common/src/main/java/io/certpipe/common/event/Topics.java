package io.certpipe.common.event;

import java.util.List;
import java.util.Objects;

import io.certpipe.automation.AutomationContract;

/**
 * Every Kafka topic certpipe uses, with the partition count and cleanup policy it is created with, and the one service
 * that publishes on it. {@code ./certpipe up} creates them from {@link #all()} (run this class's {@code main}), so the
 * list here is the only one.
 */
public final class Topics {

    /** The services that publish events, each signing what it publishes with its own key (docs/events.md). */
    public static final String INTAKE_SERVICE = "intake-service";
    public static final String APPROVAL_SERVICE = "approval-service";
    public static final String SIGNING_SERVICE = "signing-service";
    public static final String GC_SERVICE = "gc-service";

    /** Written by intake only: the audit stream and what every controller reacts to. Key {@code <cluster>/<uid>}. */
    public static final String LIFECYCLE = "certpipe.csr.lifecycle.v1";
    /** approval-service to intake: approve, deny or leave for a human. */
    public static final String APPROVAL_DECISIONS = "certpipe.approval.decisions.v1";
    /** signing-service to intake, and the CA's own issuance log. */
    public static final String SIGNING_RESULTS = "certpipe.signing.results.v1";
    /** gc-service to intake: requests past their Kubernetes retention. */
    public static final String GC_EXPIRATIONS = "certpipe.gc.expirations.v1";
    /**
     * signing-service to everyone: each signer it serves, its rules and its trust bundle. Compacted and keyed
     * {@code <cluster>/<signerName>}, so reading it from the start yields the latest word on every signer.
     */
    public static final String SIGNERS = "certpipe.signing.signers.v1";

    /** Dead-letter topics, one per consuming service and input, named {@code <input>.dlq.<consumer>}. */
    /**
     * intake to auditors: the event signing public keys certpipe's consumers trust, one record per publishing service
     * with all its current keys, keyed by the service. Compacted, so its latest record per service is the current set.
     * For convenience: trust comes from the files the keys are distributed as, never from this topic.
     */
    public static final String EVENT_SIGNING_KEYS = "certpipe.events.signing-keys.v1";

    public static final String DEAD_LETTERS = ".dlq.";
    public static final String LIFECYCLE_DLQ_APPROVAL = LIFECYCLE + DEAD_LETTERS + APPROVAL_SERVICE;
    public static final String LIFECYCLE_DLQ_SIGNING = LIFECYCLE + DEAD_LETTERS + SIGNING_SERVICE;
    public static final String LIFECYCLE_DLQ_GC = LIFECYCLE + DEAD_LETTERS + GC_SERVICE;
    public static final String APPROVAL_DECISIONS_DLQ_INTAKE = APPROVAL_DECISIONS + DEAD_LETTERS + INTAKE_SERVICE;
    public static final String SIGNING_RESULTS_DLQ_INTAKE = SIGNING_RESULTS + DEAD_LETTERS + INTAKE_SERVICE;
    public static final String GC_EXPIRATIONS_DLQ_INTAKE = GC_EXPIRATIONS + DEAD_LETTERS + INTAKE_SERVICE;
    public static final String SIGNERS_DLQ_INTAKE = SIGNERS + DEAD_LETTERS + INTAKE_SERVICE;
    /**
     * Automation clients' requests intake could not answer (it answers everything it can read, even garbage, with a
     * {@code rejected} reply). Its name is outside the pattern of the clients' request topics, which end in one DNS
     * label ({@link AutomationContract}).
     */
    public static final String AUTOMATION_REQUESTS_DLQ_INTAKE = AutomationContract.REQUESTS_TOPIC_PREFIX
            + DEAD_LETTERS.substring(1) + INTAKE_SERVICE;

    public static final int EVENT_PARTITIONS = 6;
    public static final int DEAD_LETTER_PARTITIONS = 1;
    /** A handful of signers per cluster, read whole by every reader: one partition keeps that a single read. */
    public static final int SIGNER_PARTITIONS = 1;

    /** What the broker does with old records: delete them by retention, or keep the latest per key. */
    public enum Cleanup {
        DELETE("delete"), COMPACT("compact");

        private final String policy;

        Cleanup(String policy) {
            this.policy = policy;
        }

        /** The topic's {@code cleanup.policy} setting. */
        public String policy() {
            return policy;
        }
    }

    /**
     * A topic and, for an event topic, the only service whose signature makes a record on it an event; {@code null}
     * for a dead-letter topic, which the consumer's connector writes with the record as it came.
     */
    public record Topic(String name, int partitions, Cleanup cleanup, String publisher) {
    }

    private Topics() {
    }

    public static List<Topic> all() {
        return List.of(
                new Topic(LIFECYCLE, EVENT_PARTITIONS, Cleanup.DELETE, INTAKE_SERVICE),
                new Topic(APPROVAL_DECISIONS, EVENT_PARTITIONS, Cleanup.DELETE, APPROVAL_SERVICE),
                new Topic(SIGNING_RESULTS, EVENT_PARTITIONS, Cleanup.DELETE, SIGNING_SERVICE),
                new Topic(GC_EXPIRATIONS, EVENT_PARTITIONS, Cleanup.DELETE, GC_SERVICE),
                new Topic(SIGNERS, SIGNER_PARTITIONS, Cleanup.COMPACT, SIGNING_SERVICE),
                new Topic(EVENT_SIGNING_KEYS, SIGNER_PARTITIONS, Cleanup.COMPACT, INTAKE_SERVICE),
                new Topic(LIFECYCLE_DLQ_APPROVAL, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(LIFECYCLE_DLQ_SIGNING, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(LIFECYCLE_DLQ_GC, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(APPROVAL_DECISIONS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(SIGNING_RESULTS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(GC_EXPIRATIONS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(SIGNERS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null),
                new Topic(AUTOMATION_REQUESTS_DLQ_INTAKE, DEAD_LETTER_PARTITIONS, Cleanup.DELETE, null));
    }

    /**
     * The two topics of automation client {@code client}, which {@code ./certpipe automation add} creates: its
     * requests, which it signs nothing on (the topic is its identity), and intake's replies to it.
     */
    public static List<Topic> automationClient(String client) {
        return List.of(
                new Topic(AutomationContract.requestsTopic(client), AutomationContract.TOPIC_PARTITIONS,
                        Cleanup.DELETE, null),
                new Topic(AutomationContract.repliesTopic(client), AutomationContract.TOPIC_PARTITIONS,
                        Cleanup.DELETE, INTAKE_SERVICE));
    }

    /**
     * Whether {@code topic} is one an operator may delete while certpipe runs: an automation client's reply topic. Its
     * outbox records are dropped when it is gone; every other topic is certpipe's own and must be there.
     */
    public static boolean isDeletable(String topic) {
        return topic.startsWith(AutomationContract.REPLIES_TOPIC_PREFIX);
    }

    /** The service whose key must have signed every record on event topic {@code topic}. */
    public static String publisherOf(String topic) {
        if (topic.startsWith(AutomationContract.REPLIES_TOPIC_PREFIX)) {
            return INTAKE_SERVICE;
        }
        return all().stream()
                .filter(candidate -> candidate.name().equals(topic) && candidate.publisher() != null)
                .map(Topic::publisher)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " is no certpipe event topic"));
    }

    /** Every service that publishes events, each once. */
    public static List<String> publishers() {
        return all().stream().map(Topic::publisher).filter(Objects::nonNull).distinct().toList();
    }

    /**
     * Prints {@code <name> <partitions> <cleanup.policy>} per line, for every topic, or for automation client NAME's
     * ({@code automation NAME}); {@code ./certpipe}'s topic bootstrap reads it.
     */
    public static void main(String[] args) {
        List<Topic> topics;
        if (args.length == 0) {
            topics = all();
        } else if (args.length == 2 && args[0].equals("automation")) {
            topics = automationClient(args[1]);
        } else {
            System.err.println("usage: Topics | Topics automation NAME");
            System.exit(2);
            return;
        }
        topics.forEach(topic -> System.out.println(topic.name() + " " + topic.partitions() + " "
                + topic.cleanup().policy()));
    }
}
