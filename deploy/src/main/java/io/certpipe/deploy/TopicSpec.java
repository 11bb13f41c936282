package io.certpipe.deploy;

import java.util.Set;

/**
 * One topic to create: a line {@code <name> <partitions> <cleanup.policy>} as printed by
 * {@code io.certpipe.common.event.Topics}. The list itself lives in common only; this side merely reads it, so the two
 * can never disagree.
 */
public record TopicSpec(String name, int partitions, String cleanupPolicy) {

    /** Kafka's two cleanup policies: delete old segments by retention, or keep the latest record of each key. */
    private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact");

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is empty");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition, got " + partitions);
        }
        if (!CLEANUP_POLICIES.contains(cleanupPolicy)) {
            throw new IllegalArgumentException("topic " + name + " has cleanup policy '" + cleanupPolicy
                    + "', not one of " + CLEANUP_POLICIES);
        }
    }

    /** Parses {@code <name> <partitions> <cleanup.policy>}; surrounding blanks are ignored. */
    public static TopicSpec parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("expected '<name> <partitions> <cleanup.policy>', got '" + line + "'");
        }
        try {
            return new TopicSpec(fields[0], Integer.parseInt(fields[1]), fields[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partition count of '" + line + "' is not a number", e);
        }
    }
}
