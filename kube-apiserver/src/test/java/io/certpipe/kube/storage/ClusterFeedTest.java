package io.certpipe.kube.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterFeedTest {

    private final ClusterFeed feed = new ClusterFeed();

    @Test
    void handsEachChangeToEveryWatcherOnceInRevisionOrder() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        feed.join(TestKind.WIDGETS, 5, 5, first).replay(page());
        feed.join(TestKind.WIDGETS, 5, 5, second).replay(page());

        feed.deliver(page(6, 7));
        feed.deliver(page(7, 8));

        assertEquals(List.of(6L, 7L, 8L), first.revisions);
        assertEquals(List.of(6L, 7L, 8L), second.revisions);
    }

    @Test
    void replayAndLiveChangesMeetWithoutGapOrRepeat() {
        feed.join(TestKind.WIDGETS, 5, 5, new Recorder()).replay(page());
        feed.deliver(page(6, 7));
        Recorder late = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 4, 7, late);

        feed.deliver(page(8));
        assertEquals(List.of(), late.revisions, "live changes wait for the replay");
        member.replay(page(5, 6, 7, 8));
        feed.deliver(page(9));

        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), late.revisions);
    }

    @Test
    void replaysPageByPageBeforeReleasingTheChangesHeldMeanwhile() {
        Recorder watcher = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 0, 3, watcher);
        feed.deliver(page(4));

        assertTrue(member.replay(new ChangeLog.Page(changes(1, 2), 0, true)));
        assertEquals(List.of(1L, 2L), watcher.revisions);
        assertFalse(member.replay(page(3)));

        assertEquals(List.of(1L, 2L, 3L, 4L), watcher.revisions);
    }

    @Test
    void changeCommittedAfterTheWatchStartedArrivesThoughItsTransactionBeganBefore() {
        // Revision 11's transaction holds the revision lock while the watch starts: the watch reads revision 10,
        // and its replay does not see 11, which is not committed yet.
        Recorder watcher = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 10, 10, watcher);
        member.replay(page());
        assertEquals(10, feed.delivered(), "the feed reads after the revision the watch started from");

        // 11 commits; the feed, woken by the commit, reads the log after what it delivered.
        feed.deliver(page(11));

        assertEquals(List.of(11L), watcher.revisions);
    }

    @Test
    void changeCommittedBetweenJoiningAndReplayingArrivesOnce() {
        Recorder watcher = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 10, 10, watcher);

        feed.deliver(page(11));
        member.replay(page(11));

        assertEquals(List.of(11L), watcher.revisions);
    }

    @Test
    void anIdleFeedStartsReadingAfterTheRevisionItsFirstWatcherRead() {
        feed.join(TestKind.WIDGETS, 3, 10, new Recorder());

        assertEquals(10, feed.delivered());
    }

    @Test
    void watcherFromBeforeThePrunedRevisionExpires() {
        Recorder watcher = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 3, 9, watcher);

        assertFalse(member.replay(new ChangeLog.Page(changes(6, 7, 8, 9), 5, false)));
        feed.deliver(page(10));

        assertEquals(List.of(5L), watcher.expiredAt);
        assertEquals(List.of(), watcher.revisions);
        assertTrue(feed.isIdle());
    }

    @Test
    void watcherFromThePrunedRevisionItselfMissesNothing() {
        Recorder watcher = new Recorder();

        feed.join(TestKind.WIDGETS, 5, 6, watcher).replay(new ChangeLog.Page(changes(6), 5, false));

        assertEquals(List.of(6L), watcher.revisions);
        assertEquals(List.of(), watcher.expiredAt);
    }

    @Test
    void everyWatcherExpiresWhenTheLogWasPrunedPastTheFeed() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        feed.join(TestKind.WIDGETS, 5, 5, first).replay(page());
        feed.join(TestKind.WIDGETS, 5, 5, second).replay(page());

        feed.deliver(new ChangeLog.Page(changes(9), 8, false));

        assertEquals(List.of(8L), first.expiredAt);
        assertEquals(List.of(8L), second.expiredAt);
        assertEquals(List.of(), first.revisions);
        assertTrue(feed.isIdle());
    }

    @Test
    void positionFollowsEveryChangeDelivered() {
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 5, 5, new Recorder());
        member.replay(page(6));

        feed.deliver(page(7, 8));

        assertEquals(8, member.resourceVersion());
    }

    @Test
    void cancelledWatcherGetsNothingMore() {
        Recorder watcher = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 5, 5, watcher);
        member.replay(page());
        feed.deliver(page(6));

        member.cancel();
        feed.deliver(page(7));

        assertEquals(List.of(6L), watcher.revisions);
        assertTrue(feed.isIdle());
    }

    @Test
    void watcherFailsWhenItsReplayCannotBeRead() {
        Recorder watcher = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 5, 5, watcher);

        member.fail(new IllegalStateException("database down"));
        feed.deliver(page(6));

        assertEquals(1, watcher.failures.size());
        assertEquals(List.of(), watcher.revisions);
    }

    @Test
    void watcherOfOneKindMovesPastTheChangesOfAnother() {
        Recorder widgets = new Recorder();
        ClusterFeed.Member<TestKind.Item> member = feed.join(TestKind.WIDGETS, 5, 5, widgets);
        member.replay(page());

        feed.deliver(new ChangeLog.Page(List.of(TestKind.GADGETS.modified(6), TestKind.WIDGETS.modified(7),
                TestKind.GADGETS.modified(8)), 0, false));

        assertEquals(List.of(7L), widgets.revisions);
        assertEquals(8, member.resourceVersion(), "a bookmark may name the cluster's revision");
    }

    private static ChangeLog.Page page(long... revisions) {
        return new ChangeLog.Page(changes(revisions), 0, false);
    }

    private static List<Change<?>> changes(long... revisions) {
        return Arrays.stream(revisions).<Change<?>>mapToObj(TestKind.WIDGETS::modified).toList();
    }

    /** A watcher that remembers what it was told. */
    private static final class Recorder implements Watches.Watcher<TestKind.Item> {

        final List<Long> revisions = new ArrayList<>();
        final List<Long> expiredAt = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void changed(Change<TestKind.Item> change) {
            revisions.add(change.revision());
        }

        @Override
        public void expired(long since, long prunedThrough) {
            expiredAt.add(prunedThrough);
        }

        @Override
        public void failed(Throwable failure) {
            failures.add(failure);
        }
    }
}
