package io.certpipe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void parsesNameAndPartitions() {
        assertEquals(new TopicSpec("certpipe.csr.lifecycle.v1", 6), TopicSpec.parse("  certpipe.csr.lifecycle.v1   6 "));
    }

    @Test
    void rejectsLineWithoutPartitionCount() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1"));
    }

    @Test
    void rejectsNonNumericPartitionCount() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1 six"));
    }

    @Test
    void rejectsZeroPartitions() {
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.parse("certpipe.csr.lifecycle.v1 0"));
    }
}
