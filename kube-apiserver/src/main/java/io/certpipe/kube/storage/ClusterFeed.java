package io.certpipe.kube.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One cluster's live watchers, of every kind, and how far the change log has been read for them. The feed reads the
 * log in revision order and hands each change to every watcher; a new watcher replays the log from its own starting
 * point while the feed's changes wait for it, so that between replay and live delivery nothing is lost or repeated.
 * Each watcher passes on the changes of its own kind and moves past the others.
 *
 * <p>Why nothing is lost: a watcher joins with the cluster's revision read just before ({@code current}). Every
 * change the feed handed out before the watcher joined was committed before it joined, so the replay (read after
 * joining) contains it; every change the feed reads afterwards reaches the watcher. The watcher keeps the highest
 * revision it has passed on and drops anything at or below it, which removes the overlap.
 */
final class ClusterFeed {

    private final Set<Member<?>> members = new LinkedHashSet<>();
    /** The newest revision handed to the members (or known to be covered by their replays). */
    private long delivered;

    /**
     * Adds a watcher of {@code kind} that wants every change after {@code since}; {@code current} is the cluster's
     * committed revision read before this call. Its replay comes next ({@link Member#replay}); meanwhile the feed's
     * changes are held for it.
     */
    synchronized <T> Member<T> join(StoredKind<T> kind, long since, long current, Watches.Watcher<T> watcher) {
        if (members.isEmpty()) {
            // An idle feed reads nothing; every change up to current is in the newcomer's replay.
            delivered = Math.max(delivered, current);
        }
        Member<T> member = new Member<>(kind.logKey(), since, watcher);
        members.add(member);
        return member;
    }

    synchronized boolean isIdle() {
        return members.isEmpty();
    }

    /** The revision after which the feed reads next. */
    synchronized long delivered() {
        return delivered;
    }

    /**
     * Hands the members the changes of {@code page}, read after {@link #delivered()}. When the log has been pruned
     * beyond what was delivered, changes may be missing: every member is told its resourceVersion expired.
     */
    synchronized void deliver(ChangeLog.Page page) {
        if (page.prunedThrough() > delivered) {
            List<Member<?>> expired = new ArrayList<>(members);
            members.clear();
            delivered = page.prunedThrough();
            expired.forEach(member -> member.expire(page.prunedThrough()));
            return;
        }
        for (Change<?> change : page.changes()) {
            if (change.revision() > delivered) {
                delivered = change.revision();
                members.forEach(member -> member.live(change));
            }
        }
    }

    private synchronized void leave(Member<?> member) {
        members.remove(member);
    }

    /** One watcher's place in the feed: first its replay, then the feed's changes, each revision once, in order. */
    final class Member<T> implements Watches.Subscription {

        private final String kind;
        private final Watches.Watcher<T> watcher;
        private final long since;
        /** The newest revision passed to the watcher, or moved past (or its starting point). */
        private long position;
        /** The feed's changes that arrived during the replay; null once the watcher is live. */
        private List<Change<?>> held = new ArrayList<>();
        private boolean ended;

        private Member(String kind, long since, Watches.Watcher<T> watcher) {
            this.kind = kind;
            this.since = since;
            this.position = since;
            this.watcher = watcher;
        }

        /**
         * One page of the replay, read from the log after {@link #resourceVersion()}; answers whether another page is
         * needed. If the log was pruned past this watcher's position, the watcher expires. After the last page the
         * held changes follow, and from then on the feed's go straight through.
         */
        boolean replay(ChangeLog.Page page) {
            if (page.prunedThrough() > resourceVersion()) {
                expire(page.prunedThrough());
                return false;
            }
            synchronized (this) {
                page.changes().forEach(this::forward);
                if (page.hasMore() && !ended) {
                    return true;
                }
                List<Change<?>> waiting = held;
                held = null;
                waiting.forEach(this::forward);
                return false;
            }
        }

        /** The changes after this watcher's starting point are no longer all in the log. */
        void expire(long prunedThrough) {
            stop(watcher -> watcher.expired(since, prunedThrough));
        }

        /** The replay could not be read. */
        void fail(Throwable failure) {
            stop(watcher -> watcher.failed(failure));
        }

        @Override
        public synchronized long resourceVersion() {
            return position;
        }

        @Override
        public void cancel() {
            leave(this);
            synchronized (this) {
                ended = true;
            }
        }

        private synchronized void live(Change<?> change) {
            if (held != null) {
                held.add(change);
            } else {
                forward(change);
            }
        }

        /** Leaves the feed and tells the watcher why, unless the watch has already ended. */
        private void stop(Consumer<Watches.Watcher<T>> lastWord) {
            leave(this);
            synchronized (this) {
                if (!ended) {
                    ended = true;
                    lastWord.accept(watcher);
                }
            }
        }

        @SuppressWarnings("unchecked") // a change filed under this watcher's kind holds objects of that kind
        private void forward(Change<?> change) {
            if (!ended && change.revision() > position) {
                position = change.revision();
                if (change.kind().logKey().equals(kind)) {
                    watcher.changed((Change<T>) change);
                }
            }
        }
    }
}
