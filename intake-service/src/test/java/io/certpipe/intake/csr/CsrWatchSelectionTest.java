package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Predicate;

import io.certpipe.kube.storage.Change;
import io.certpipe.kube.storage.WatchType;
import org.junit.jupiter.api.Test;

/** How a watch with a selector sees changes of requests. */
class CsrWatchSelectionTest {

    private static final CsrKind KIND = new CsrKind();

    private static final Predicate<StoredCsr> TEAM_OPS = CsrSelector.of(null, "team=ops");
    private static final StoredCsr DEV = TestCsrs.pending("a").withResourceVersion(7);
    private static final StoredCsr OPS = DEV.withMetadata(Map.of("team", "ops"), Map.of());

    @Test
    void requestThatStartsMatchingIsAdded() {
        Change<StoredCsr> relabelled = modified(DEV, OPS);

        Change<StoredCsr> seen = relabelled.seenThrough(TEAM_OPS).orElseThrow();

        assertEquals(WatchType.ADDED, seen.type());
        assertEquals(relabelled.object(), seen.object());
    }

    @Test
    void requestThatStopsMatchingIsDeletedAsItWasWithTheNewRevision() {
        Change<StoredCsr> relabelled = modified(OPS, DEV);

        Change<StoredCsr> seen = relabelled.seenThrough(TEAM_OPS).orElseThrow();

        assertEquals(WatchType.DELETED, seen.type());
        assertEquals(OPS.withResourceVersion(8), seen.object());
    }

    @Test
    void requestThatKeepsMatchingIsModified() {
        Change<StoredCsr> approved = modified(OPS, OPS.withCondition(TestCsrs.condition("Approved")));

        assertEquals(approved, approved.seenThrough(TEAM_OPS).orElseThrow());
    }

    @Test
    void requestThatNeverMatchesIsNotSeen() {
        Change<StoredCsr> approved = modified(DEV, DEV.withCondition(TestCsrs.condition("Approved")));

        assertTrue(approved.seenThrough(TEAM_OPS).isEmpty());
    }

    @Test
    void createdAndDeletedRequestsAreSeenOnlyWhenTheyMatch() {
        Change<StoredCsr> createdOps = new Change<>(KIND, WatchType.ADDED, OPS, null);
        Change<StoredCsr> createdDev = new Change<>(KIND, WatchType.ADDED, DEV, null);
        Change<StoredCsr> deletedOps = new Change<>(KIND, WatchType.DELETED, OPS.withResourceVersion(8), OPS);
        Change<StoredCsr> deletedDev = new Change<>(KIND, WatchType.DELETED, DEV.withResourceVersion(8), DEV);

        assertEquals(createdOps, createdOps.seenThrough(TEAM_OPS).orElseThrow());
        assertTrue(createdDev.seenThrough(TEAM_OPS).isEmpty());
        assertEquals(WatchType.DELETED, deletedOps.seenThrough(TEAM_OPS).orElseThrow().type());
        assertEquals(OPS.withResourceVersion(8), deletedOps.seenThrough(TEAM_OPS).orElseThrow().object());
        assertTrue(deletedDev.seenThrough(TEAM_OPS).isEmpty());
    }

    private static Change<StoredCsr> modified(StoredCsr before, StoredCsr after) {
        return new Change<>(KIND, WatchType.MODIFIED, after.withResourceVersion(before.resourceVersion() + 1),
                before);
    }
}
