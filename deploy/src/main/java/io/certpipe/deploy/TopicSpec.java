package io.certpipe.deploy;

/**
 * One topic to create: a line {@code <name> <partitions>} as printed by {@code io.certpipe.common.event.Topics}.
 * The list itself lives in common only; this side merely reads it, so the two can never disagree.
 */
public record TopicSpec(String name, int partitions) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is empty");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition, got " + partitions);
        }
    }

    /** Parses {@code <name> <partitions>}; surrounding blanks are ignored. */
    public static TopicSpec parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 2) {
            throw new IllegalArgumentException("expected '<name> <partitions>', got '" + line + "'");
        }
        try {
            return new TopicSpec(fields[0], Integer.parseInt(fields[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partition count of '" + line + "' is not a number", e);
        }
    }
}
