package io.certpipe.intake.csr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Committed changes for watchers: a short per-cluster history (so a watch that starts from a recent list misses
 * nothing) and the live watchers. intake is the only writer, so its own commits are the complete change feed.
 */
@ApplicationScoped
public class CsrWatches {

    /** How many recent changes per cluster a watch may resume from; older starting points get 410 Gone. */
    static final int HISTORY = 1000;

    public enum Type {
        ADDED, MODIFIED, DELETED
    }

    /** One committed change: the request as it was after it, with its new resourceVersion. */
    public record Change(Type type, StoredCsr csr) {
    }

    /** A watcher's registration; cancel it when the watch ends. */
    public interface Subscription {
        void cancel();
    }

    private final Map<String, ClusterFeed> feeds = new HashMap<>();

    /** Called after each commit. */
    public void published(Change change) {
        feed(change.csr().cluster()).publish(change);
    }

    /**
     * Registers {@code watcher} for changes after {@code sinceRevision}: first those still in the history, then every
     * new one. {@code currentRevision} is the cluster's committed revision read before this call. Returns null when
     * changes after {@code sinceRevision} may be missing (the caller answers 410 Gone).
     */
    public Subscription watch(String cluster, long sinceRevision, long currentRevision, Consumer<Change> watcher) {
        return feed(cluster).watch(sinceRevision, currentRevision, watcher);
    }

    private synchronized ClusterFeed feed(String cluster) {
        return feeds.computeIfAbsent(cluster, name -> new ClusterFeed());
    }

    private static final class ClusterFeed {

        private final Deque<Change> history = new ArrayDeque<>();
        private final List<Consumer<Change>> watchers = new CopyOnWriteArrayList<>();
        /** Every change above this revision is in the history or still to be published; -1 until known. */
        private long coveredAbove = -1;

        synchronized void publish(Change change) {
            long revision = change.csr().resourceVersion();
            if (coveredAbove < 0) {
                coveredAbove = revision - 1;
            }
            history.addLast(change);
            if (history.size() > HISTORY) {
                coveredAbove = Math.max(coveredAbove, history.removeFirst().csr().resourceVersion());
            }
            watchers.forEach(watcher -> watcher.accept(change));
        }

        synchronized Subscription watch(long since, long current, Consumer<Change> watcher) {
            boolean complete = coveredAbove < 0 ? since >= current : since >= coveredAbove;
            if (!complete) {
                return null;
            }
            List<Change> replay = new ArrayList<>();
            for (Change change : history) {
                if (change.csr().resourceVersion() > since) {
                    replay.add(change);
                }
            }
            replay.forEach(watcher);
            watchers.add(watcher);
            return () -> watchers.remove(watcher);
        }
    }
}
