package io.certpipe.common.event.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;

/**
 * The hash chain of each cluster's lifecycle events. Link n of a cluster carries {@code certpipeseq} n (1 for the
 * cluster's first event, one more for each next, in commit order) and {@code certpipeprevhash}, the SHA-256 in
 * lowercase hex of the exact record value of link n - 1 ({@link #GENESIS} for link 1). A reader that sorts a
 * cluster's events by sequence and hashes each value therefore sees any event missing, altered, reordered or added.
 * intake keeps each cluster's {@link Head} in the transaction that publishes the event; {@link AuditVerifier} checks
 * the chain.
 */
public final class LifecycleChain {

    /** What the first event of a cluster names as the hash of its predecessor, which it has none of. */
    public static final String GENESIS = "0".repeat(64);

    private LifecycleChain() {
    }

    /** SHA-256 of {@code value}'s UTF-8 bytes, the bytes on the wire, in lowercase hex. */
    public static String hashOf(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Refuses a chain link on an event off the lifecycle topic, a sequence below 1 or a hash of the wrong form. */
    public static void checkLink(EventType type, long sequence, String prevHash) {
        if (!Topics.LIFECYCLE.equals(type.topic())) {
            throw new IllegalArgumentException(type + " is not a lifecycle event and has no place in the chain");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("certpipeseq starts at 1, got " + sequence);
        }
        if (!isHash(prevHash)) {
            throw new IllegalArgumentException("certpipeprevhash is not 64 lowercase hex digits");
        }
    }

    private static boolean isHash(String text) {
        return text.length() == GENESIS.length()
                && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** A cluster's latest link: its sequence number (0 before the first) and the hash of its record value. */
    public record Head(long sequence, String hash) {

        /** The head of a cluster that has published no chained lifecycle event yet. */
        public static final Head EMPTY = new Head(0, GENESIS);

        /** {@code event} as the next link after this head. */
        public CloudEvent extend(CloudEvent event) {
            return event.chainedAs(sequence + 1, hash);
        }

        /** The head once {@code chained}, an event made by {@link #extend}, is published as {@code value}. */
        public Head after(CloudEvent chained, String value) {
            if (chained.certpipeseq() == null || chained.certpipeseq() != sequence + 1) {
                throw new IllegalArgumentException("event " + chained.id() + " is not the link after " + sequence);
            }
            return new Head(chained.certpipeseq(), hashOf(value));
        }
    }
}
