package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsrWatchesTest {

    private final CsrWatches watches = new CsrWatches();

    @Test
    void replaysChangesAfterTheStartingRevisionThenFollows() {
        publish(11);
        publish(12);
        List<Long> seen = new ArrayList<>();

        CsrWatches.Subscription subscription = watches.watch("default", 11, 12, change -> seen.add(revision(change)));
        publish(13);

        assertNotNull(subscription);
        assertEquals(List.of(12L, 13L), seen);
    }

    @Test
    void stopsDeliveringOnceCancelled() {
        List<Long> seen = new ArrayList<>();
        CsrWatches.Subscription subscription = watches.watch("default", 5, 5, change -> seen.add(revision(change)));

        publish(6);
        subscription.cancel();
        publish(7);

        assertEquals(List.of(6L), seen);
    }

    @Test
    void refusesToResumeFromBeforeWhatItRemembers() {
        publish(11);

        assertNull(watches.watch("default", 9, 11, change -> { }));
    }

    @Test
    void refusesAnOldRevisionBeforeAnyChangeWasSeen() {
        assertNull(watches.watch("default", 3, 10, change -> { }));
        assertNotNull(watches.watch("default", 10, 10, change -> { }));
    }

    @Test
    void forgetsTheOldestChangesBeyondItsHistory() {
        for (long revision = 1; revision <= CsrWatches.HISTORY + 5; revision++) {
            publish(revision);
        }

        assertNull(watches.watch("default", 4, CsrWatches.HISTORY + 5, change -> { }));
        assertNotNull(watches.watch("default", 5, CsrWatches.HISTORY + 5, change -> { }));
    }

    @Test
    void keepsClustersApart() {
        List<Long> seen = new ArrayList<>();
        watches.watch("default", 0, 0, change -> seen.add(revision(change)));

        StoredCsr elsewhere = new StoredCsr("other", "x", java.util.UUID.randomUUID(), 1, TestCsrs.NOW, null, null,
                "example.com/s", "pem", null, null, "u", "", null, null, null, null);
        watches.published(new CsrWatches.Change(CsrWatches.Type.ADDED, elsewhere));

        assertEquals(List.of(), seen);
    }

    private void publish(long revision) {
        watches.published(new CsrWatches.Change(CsrWatches.Type.MODIFIED,
                TestCsrs.pending("a").withResourceVersion(revision)));
    }

    private static long revision(CsrWatches.Change change) {
        return change.csr().resourceVersion();
    }
}
