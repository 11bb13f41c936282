package io.certpipe.kube.storage;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes this instance's watches as soon as any intake instance commits a change, rather than at the feed's next poll.
 * A writer that advanced a cluster's revision notifies {@link #CHANNEL} with the cluster's name in the same
 * transaction ({@link RevisionLock}); PostgreSQL delivers the notification only when that transaction commits, once
 * however many changes it made. Each instance listens on a connection of its own. A notification missed while that
 * connection is down costs only latency: the feed still polls ({@link WatchConfig#pollInterval()}).
 */
@ApplicationScoped
public class ChangeNotifications {

    /** The channel writers notify, with a cluster's name as the payload. */
    public static final String CHANNEL = "certpipe_change_log";
    private static final Logger LOG = Logger.getLogger(ChangeNotifications.class);
    private static final long RECONNECT_DELAY_MILLIS = 1_000;

    private final Watches watches;
    private final Vertx vertx;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private PgSubscriber subscriber;

    public ChangeNotifications(Watches watches, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.watches = watches;
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void listen(@Observes StartupEvent startup) {
        if (url.isEmpty()) {
            LOG.warn("no reactive datasource URL: watches learn of other instances' changes at each poll only");
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.get());
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                // Keep trying for as long as the instance runs; every reconnection listens again.
                .reconnectPolicy(attempt -> RECONNECT_DELAY_MILLIS);
        subscriber.channel(CHANNEL).handler(watches::committed);
        subscriber.connect().onFailure(failure -> LOG.warnf(
                "cannot listen for other instances' changes (%s); watches poll for them meanwhile", failure));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
