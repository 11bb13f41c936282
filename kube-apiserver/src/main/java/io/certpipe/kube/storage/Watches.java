package io.certpipe.kube.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Watches of every stored kind, served from the change log ({@link ChangeLog}) as kube-apiserver serves them from
 * etcd: a watch replays the logged changes after its resourceVersion, then follows new ones. One feed per cluster
 * reads the log in revision order and fans each change out to that cluster's watchers; it is woken when any instance
 * commits a change ({@link ChangeNotifications}) and polls on a short interval in case it missed one. A schedule
 * prunes the log.
 */
@ApplicationScoped
public class Watches {

    private static final Logger LOG = Logger.getLogger(Watches.class);
    /** Most changes read from the log at once, by the feed or by one watcher's replay. */
    private static final int PAGE_SIZE = 500;

    /** Receives one watch's changes: each change of its kind after its starting point once, in revision order. */
    public interface Watcher<T> {

        void changed(Change<T> change);

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

        /** The newest revision the watcher has been brought up to, whether or not it was shown the change. */
        long resourceVersion();

        void cancel();
    }

    private final ChangeLog changeLog;
    private final WatchConfig config;
    private final Map<String, ClusterFeed> feeds = new ConcurrentHashMap<>();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public Watches(ChangeLog changeLog, WatchConfig config) {
        this.changeLog = changeLog;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        worker = Thread.ofPlatform().name("watch-feed").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUps.release();
        if (worker != null) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Registers {@code watcher} for every change of {@code kind} in {@code cluster} after {@code since} and starts
     * replaying those already logged; {@code current} is the cluster's committed revision read before this call. Call
     * it on a Vert.x context. When the log no longer holds them all, the watcher is told so
     * ({@link Watcher#expired}) instead.
     */
    public <T> Subscription subscribe(String cluster, StoredKind<T> kind, long since, long current,
            Watcher<T> watcher) {
        ClusterFeed feed = feeds.computeIfAbsent(cluster, name -> new ClusterFeed());
        ClusterFeed.Member<T> member = feed.join(kind, since, current, watcher);
        replay(cluster, member).subscribe().with(ignored -> { }, member::fail);
        return member;
    }

    /** A change of {@code cluster} has committed, here or in another instance: the feed reads it now. */
    public void committed(String cluster) {
        ClusterFeed feed = feeds.get(cluster);
        if (feed != null && !feed.isIdle() && wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    public Duration bookmarkInterval() {
        return config.bookmarkInterval();
    }

    private Uni<Void> replay(String cluster, ClusterFeed.Member<?> member) {
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
        ChangeLog.Page page;
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
