package io.certpipe.common.event.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every record of a round, and only such a record, leads with its proof to the statement its publisher signed. */
class BatchTreeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100})
    void everyRecordOfARoundLeadsToItsStatement(int size) {
        List<byte[]> values = values(size);
        BatchTree tree = BatchTree.of(values);

        for (int i = 0; i < size; i++) {
            assertArrayEquals(tree.statement(), BatchTree.statementFor(values.get(i), tree.proof(i)), "record " + i);
        }
    }

    @Test
    void aProofHasOneStepPerLevelAtMost() {
        BatchTree tree = BatchTree.of(values(100));

        // 100 leaves: 7 levels above them; the last leaf has no sibling at some levels and moves up unchanged.
        assertEquals(7 * 33, tree.proof(0).length);
        assertEquals(0, BatchTree.of(values(1)).proof(0).length);
    }

    @Test
    void aChangedValueLeadsElsewhere() {
        List<byte[]> values = values(5);
        BatchTree tree = BatchTree.of(values);

        byte[] changed = "value 2!".getBytes(StandardCharsets.UTF_8);
        assertFalse(Arrays.equals(tree.statement(), BatchTree.statementFor(changed, tree.proof(2))));
    }

    @Test
    void anotherRecordsProofLeadsElsewhere() {
        List<byte[]> values = values(6);
        BatchTree tree = BatchTree.of(values);

        assertFalse(Arrays.equals(tree.statement(), BatchTree.statementFor(values.get(1), tree.proof(4))));
    }

    @Test
    void anInnerNodeCannotPassForARecord() {
        // A forger who knows two leaves' hashes may offer their concatenation as a value: its leaf hash carries the
        // leaf prefix, so it never equals the inner node, whose hash carries the node prefix.
        List<byte[]> values = values(2);
        BatchTree tree = BatchTree.of(values);
        byte[] siblings = Arrays.copyOfRange(tree.proof(0), 1, 33);
        byte[] forged = new byte[64];
        System.arraycopy(BatchTree.statementFor(values.get(0), new byte[0]), BatchTree.STATEMENT_PREFIX.length(),
                forged, 0, 32);
        System.arraycopy(siblings, 0, forged, 32, 32);

        assertFalse(Arrays.equals(tree.statement(), BatchTree.statementFor(forged, new byte[0])));
    }

    @Test
    void refusesAMalformedProof() {
        byte[] value = "v".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> BatchTree.statementFor(value, new byte[32]));
        byte[] badSide = new byte[33];
        badSide[0] = 7;
        assertThrows(IllegalArgumentException.class, () -> BatchTree.statementFor(value, badSide));
        assertThrows(IllegalArgumentException.class,
                () -> BatchTree.statementFor(value, new byte[33 * (BatchTree.MAX_STEPS + 1)]));
    }

    @Test
    void anEmptyRoundHasNoTree() {
        assertThrows(IllegalArgumentException.class, () -> BatchTree.of(List.of()));
    }

    private static List<byte[]> values(int count) {
        return IntStream.range(0, count).mapToObj(i -> ("value " + i).getBytes(StandardCharsets.UTF_8)).toList();
    }
}
