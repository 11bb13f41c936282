package io.certpipe.intake.csr;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Watches of requests, served from the change log ({@link CsrChangeLog}) as kube-apiserver serves them from etcd: a
 * watch replays the logged changes after its resourceVersion, then follows new ones. One feed per cluster reads the
 * log in revision order and fans each change out to that cluster's watchers; it is woken when this instance commits a
 * change and polls on a short interval for changes other intake instances commit. A schedule prunes the log.
 */
@ApplicationScoped
public class CsrWatches {

    private static final Logger LOG = Logger.getLogger(CsrWatches.class);
    /** Most changes read from the log at once, by the feed or by one watcher's replay. */
    private static final int PAGE_SIZE = 500;

    public enum Type {
        ADDED, MODIFIED, DELETED
    }

    /**
     * One committed change: the request after it (for a deletion, its last state) carrying the new resourceVersion,
     * and the request before it (null when the change created it).
     */
    public record Change(Type type, StoredCsr csr, StoredCsr previous) {

        long revision() {
            return csr.resourceVersion();
        }

        /**
         * This change as a watcher whose selector is {@code selected} sees it, as Kubernetes' cache watcher decides:
         * a request that starts matching is ADDED, one that stops matching is DELETED (as it was, with the new
         * resourceVersion), and a change on either side of the selector that never matched is not seen at all.
         */
        Optional<Change> seenThrough(Predicate<StoredCsr> selected) {
            boolean matchesNow = type != Type.DELETED && selected.test(csr);
            boolean matchedBefore = previous != null && selected.test(previous);
            if (matchesNow && matchedBefore) {
                return Optional.of(this);
            }
            if (matchesNow) {
                return Optional.of(new Change(Type.ADDED, csr, previous));
            }
            if (matchedBefore) {
                return Optional.of(new Change(Type.DELETED, previous.withResourceVersion(revision()), previous));
            }
            return Optional.empty();
        }
    }

    /** Receives one watch's changes: each change after its starting point once, in revision order. */
    public interface Watcher {

        void changed(Change change);

        /**
         * Changes after {@code since}, the watcher's starting point, have been pruned from the log (the newest pruned
         * revision is {@code prunedThrough}); nothing more follows.
         */
        void expired(long since, long prunedThrough);

        /** The log could not be read for this watcher's replay; nothing more follows. */
        void failed(Throwable failure);
    }

    /** A watcher's registration; cancel it when the watch ends. */
    public interface Subscription {

        /** The newest revision the watcher has been brought up to, whether or not its selector showed the change. */
        long resourceVersion();

        void cancel();
    }

    private final CsrChangeLog changeLog;
    private final CsrWatchConfig config;
    private final Map<String, ClusterFeed> feeds = new ConcurrentHashMap<>();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public CsrWatches(CsrChangeLog changeLog, CsrWatchConfig config) {
        this.changeLog = changeLog;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        worker = Thread.ofPlatform().name("csr-watch-feed").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUps.release();
        if (worker != null) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Registers {@code watcher} for every change of {@code cluster} after {@code since} and starts replaying those
     * already logged; {@code current} is the cluster's committed revision read before this call. Call it on a Vert.x
     * context. When the log no longer holds them all, the watcher is told so ({@link Watcher#expired}) instead.
     */
    public Subscription subscribe(String cluster, long since, long current, Watcher watcher) {
        ClusterFeed feed = feeds.computeIfAbsent(cluster, name -> new ClusterFeed());
        ClusterFeed.Member member = feed.join(since, current, watcher);
        replay(cluster, member).subscribe().with(ignored -> { }, member::fail);
        return member;
    }

    /** A change of {@code cluster} has committed here: the feed reads it now rather than at its next poll. */
    public void committed(String cluster) {
        ClusterFeed feed = feeds.get(cluster);
        if (feed != null && !feed.isIdle() && wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    Duration bookmarkInterval() {
        return config.bookmarkInterval();
    }

    private Uni<Void> replay(String cluster, ClusterFeed.Member member) {
        return changeLog.readAfter(cluster, member.resourceVersion(), PAGE_SIZE)
                .chain(page -> member.replay(page) ? replay(cluster, member) : Uni.createFrom().voidItem());
    }

    private void run() {
        Instant nextPrune = Instant.now().plus(config.pruneInterval());
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                for (Map.Entry<String, ClusterFeed> feed : feeds.entrySet()) {
                    follow(feed.getKey(), feed.getValue());
                }
                if (Instant.now().isAfter(nextPrune)) {
                    VertxContextSupport.subscribeAndAwait(() -> changeLog.prune(config.history()));
                    nextPrune = Instant.now().plus(config.pruneInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                LOG.warnf("change feed round failed, retrying: %s", e.toString());
            }
        }
    }

    /** Reads the cluster's new changes and hands them to its watchers, until the log has no more. */
    private void follow(String cluster, ClusterFeed feed) throws Throwable {
        CsrChangeLog.Page page;
        do {
            if (feed.isIdle()) {
                return;
            }
            long after = feed.delivered();
            page = VertxContextSupport.subscribeAndAwait(() -> changeLog.readAfter(cluster, after, PAGE_SIZE));
            feed.deliver(page);
        } while (page.hasMore());
    }
}
