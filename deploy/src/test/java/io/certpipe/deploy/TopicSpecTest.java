package io.certpipe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void parsesNamePartitionsAndCleanupPolicy() {
        assertEquals(new TopicSpec("certpipe.csr.lifecycle.v1", 6, "delete"),
                TopicSpec.parse("  certpipe.csr.lifecycle.v1   6 delete "));
        assertEquals(new TopicSpec("certpipe.signing.signers.v1", 1, "compact"),
                TopicSpec.parse("certpipe.signing.signers.v1 1 compact"));
    }

    @Test
    void rejectsLineWithoutCleanupPolicy() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1 6"));
    }

    @Test
    void rejectsAnUnknownCleanupPolicy() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1 6 forever"));
    }

    @Test
    void rejectsNonNumericPartitionCount() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1 six delete"));
    }

    @Test
    void rejectsZeroPartitions() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1 0 delete"));
    }
}
