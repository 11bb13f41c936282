package io.certpipe.common.event.signature;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hash tree over the records a publisher sends in one round, so that one signature covers them all while each
 * record stays verifiable on its own (as Certificate Transparency's signed tree heads do, RFC 6962 section 2.1): a
 * record carries the signature of its round's root and its own inclusion proof, the hashes of its siblings from leaf to
 * root. A verifier recomputes the root from the record's value and its proof, and a consumer that has already checked
 * that root's signature checks only the hashes. An ECDSA verification costs a thousand times a hash, and every
 * consumer reads every record of its topics, so this is what lets the bus sign everything and still carry thousands of
 * events a second.
 *
 * <p>Leaves and inner nodes are hashed with different prefixes (0x00 and 0x01), so no inner node can pass for a
 * record, and the signed statement starts with {@link #STATEMENT_PREFIX}, so a batch signature can never be read as the
 * signature of a record value (which is JSON) or the other way round. Each proof step says on which side its sibling
 * is; a node without a sibling at its level moves up unchanged and adds no step. A proof is the base64 of its steps,
 * each one byte ({@link #SIBLING_LEFT} or {@link #SIBLING_RIGHT}) and the sibling's 32-byte SHA-256.
 */
public final class BatchTree {

    /** What the publisher signs is these ASCII bytes followed by the 32 bytes of the root. */
    public static final String STATEMENT_PREFIX = "certpipe-event-batch-v1\n";
    static final byte SIBLING_LEFT = 0;
    static final byte SIBLING_RIGHT = 1;
    /** More levels than any round can have (2^32 records); a longer proof is malformed. */
    static final int MAX_STEPS = 32;

    private static final byte LEAF = 0;
    private static final byte NODE = 1;
    private static final int HASH_BYTES = 32;
    private static final int STEP_BYTES = 1 + HASH_BYTES;

    private final byte[] root;
    private final List<byte[]> proofs;

    private BatchTree(byte[] root, List<byte[]> proofs) {
        this.root = root;
        this.proofs = proofs;
    }

    /** The tree over {@code values}, the record values of one round in any fixed order; at least one. */
    public static BatchTree of(List<byte[]> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a batch tree needs at least one record");
        }
        MessageDigest sha256 = sha256();
        List<byte[]> level = new ArrayList<>(values.size());
        List<ByteBuffer> proofs = new ArrayList<>(values.size());
        // Which node of the current level each record's path goes through.
        int[] position = new int[values.size()];
        for (int i = 0; i < values.size(); i++) {
            level.add(hash(sha256, LEAF, values.get(i)));
            proofs.add(ByteBuffer.allocate(MAX_STEPS * STEP_BYTES));
            position[i] = i;
        }
        while (level.size() > 1) {
            for (int i = 0; i < values.size(); i++) {
                int node = position[i];
                int sibling = node ^ 1;
                if (sibling < level.size()) {
                    proofs.get(i).put(node % 2 == 0 ? SIBLING_RIGHT : SIBLING_LEFT).put(level.get(sibling));
                }
                position[i] = node / 2;
            }
            level = parents(sha256, level);
        }
        List<byte[]> encoded = proofs.stream()
                .map(proof -> Arrays.copyOf(proof.array(), proof.position()))
                .toList();
        return new BatchTree(level.get(0), encoded);
    }

    /** The bytes the publisher signs for this tree. */
    public byte[] statement() {
        return statement(root);
    }

    /** The inclusion proof of the {@code index}-th value, as the bytes whose base64 travels with the record. */
    public byte[] proof(int index) {
        return proofs.get(index).clone();
    }

    /**
     * The statement a record's value and proof lead to: what its publisher signed if the record is genuine. Fails with
     * an {@link IllegalArgumentException} if the proof is not a sequence of well-formed steps.
     */
    public static byte[] statementFor(byte[] value, byte[] proof) {
        if (proof.length % STEP_BYTES != 0 || proof.length / STEP_BYTES > MAX_STEPS) {
            throw new IllegalArgumentException("an inclusion proof is whole steps of " + STEP_BYTES + " bytes, at most "
                    + MAX_STEPS);
        }
        MessageDigest sha256 = sha256();
        byte[] node = hash(sha256, LEAF, value);
        for (int offset = 0; offset < proof.length; offset += STEP_BYTES) {
            byte side = proof[offset];
            byte[] sibling = Arrays.copyOfRange(proof, offset + 1, offset + STEP_BYTES);
            node = switch (side) {
                case SIBLING_LEFT -> hash(sha256, NODE, sibling, node);
                case SIBLING_RIGHT -> hash(sha256, NODE, node, sibling);
                default -> throw new IllegalArgumentException("a proof step's side is 0 or 1, not " + side);
            };
        }
        return statement(node);
    }

    private static List<byte[]> parents(MessageDigest sha256, List<byte[]> level) {
        List<byte[]> parents = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            parents.add(i + 1 < level.size() ? hash(sha256, NODE, level.get(i), level.get(i + 1)) : level.get(i));
        }
        return parents;
    }

    private static byte[] statement(byte[] root) {
        byte[] prefix = STATEMENT_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] statement = Arrays.copyOf(prefix, prefix.length + root.length);
        System.arraycopy(root, 0, statement, prefix.length, root.length);
        return statement;
    }

    private static byte[] hash(MessageDigest sha256, byte prefix, byte[]... parts) {
        sha256.update(prefix);
        for (byte[] part : parts) {
            sha256.update(part);
        }
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
