package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class CsrWatchesTest {

    private static final Predicate<StoredCsr> TEAM_OPS = CsrSelector.of(null, "team=ops");
    private static final StoredCsr DEV = TestCsrs.pending("a").withResourceVersion(7);
    private static final StoredCsr OPS = DEV.withMetadata(Map.of("team", "ops"), Map.of());

    @Test
    void requestThatStartsMatchingIsAdded() {
        CsrWatches.Change relabelled = modified(DEV, OPS);

        CsrWatches.Change seen = relabelled.seenThrough(TEAM_OPS).orElseThrow();

        assertEquals(CsrWatches.Type.ADDED, seen.type());
        assertEquals(relabelled.csr(), seen.csr());
    }

    @Test
    void requestThatStopsMatchingIsDeletedAsItWasWithTheNewRevision() {
        CsrWatches.Change relabelled = modified(OPS, DEV);

        CsrWatches.Change seen = relabelled.seenThrough(TEAM_OPS).orElseThrow();

        assertEquals(CsrWatches.Type.DELETED, seen.type());
        assertEquals(OPS.withResourceVersion(8), seen.csr());
    }

    @Test
    void requestThatKeepsMatchingIsModified() {
        CsrWatches.Change approved = modified(OPS, OPS.withCondition(TestCsrs.condition("Approved")));

        assertEquals(approved, approved.seenThrough(TEAM_OPS).orElseThrow());
    }

    @Test
    void requestThatNeverMatchesIsNotSeen() {
        CsrWatches.Change approved = modified(DEV, DEV.withCondition(TestCsrs.condition("Approved")));

        assertTrue(approved.seenThrough(TEAM_OPS).isEmpty());
    }

    @Test
    void createdAndDeletedRequestsAreSeenOnlyWhenTheyMatch() {
        CsrWatches.Change createdOps = new CsrWatches.Change(CsrWatches.Type.ADDED, OPS, null);
        CsrWatches.Change createdDev = new CsrWatches.Change(CsrWatches.Type.ADDED, DEV, null);
        CsrWatches.Change deletedOps = new CsrWatches.Change(CsrWatches.Type.DELETED, OPS.withResourceVersion(8), OPS);
        CsrWatches.Change deletedDev = new CsrWatches.Change(CsrWatches.Type.DELETED, DEV.withResourceVersion(8), DEV);

        assertEquals(createdOps, createdOps.seenThrough(TEAM_OPS).orElseThrow());
        assertTrue(createdDev.seenThrough(TEAM_OPS).isEmpty());
        assertEquals(CsrWatches.Type.DELETED, deletedOps.seenThrough(TEAM_OPS).orElseThrow().type());
        assertEquals(OPS.withResourceVersion(8), deletedOps.seenThrough(TEAM_OPS).orElseThrow().csr());
        assertTrue(deletedDev.seenThrough(TEAM_OPS).isEmpty());
    }

    private static CsrWatches.Change modified(StoredCsr before, StoredCsr after) {
        return new CsrWatches.Change(CsrWatches.Type.MODIFIED, after.withResourceVersion(before.resourceVersion() + 1),
                before);
    }
}
