package io.certpipe.intake.signer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SignerCatalogueTest {

    @Test
    void anEmptyTopicIsReadAtOnce() {
        assertTrue(SignerCatalogue.hasRead(Map.of(), Map.of(0, 0L)));
    }

    @Test
    void theRulesAreKnownOnlyOnceEveryPartitionIsReadToItsEndAtStart() {
        Map<Integer, Long> ends = Map.of(0, 12L, 1, 3L);

        assertFalse(SignerCatalogue.hasRead(Map.of(0, 12L), ends), "partition 1 not read yet");
        assertFalse(SignerCatalogue.hasRead(Map.of(0, 11L, 1, 3L), ends), "the last record of partition 0 unread");
        assertTrue(SignerCatalogue.hasRead(Map.of(0, 12L, 1, 3L), ends));
        assertTrue(SignerCatalogue.hasRead(Map.of(0, 15L, 1, 3L), ends), "what was published since counts too");
    }
}
