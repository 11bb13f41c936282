package io.certpipe.kube.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.Status;
import io.certpipe.kube.Table;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import org.jboss.logging.Logger;

/**
 * One watch, as kube-apiserver serves it: one {@code {"type","object"}} event at a time, each object of the watched
 * kind (or a one-row Table when the caller asked for tables), in revision order. The stream ends after {@code timeoutSeconds},
 * when the client goes away, or after an ERROR event; kubectl then exits or watches again.
 *
 * <p>Events are written on the watch's own Vert.x context, in the order they are produced, whichever thread produced
 * them (the change feed's, the replay's, a timer's): a bookmark never overtakes a change it covers. The stream's
 * state is touched on that context only.
 */
public final class WatchStream<T> implements Watches.Watcher<T> {

    private static final Logger LOG = Logger.getLogger(WatchStream.class);
    /** Without {@code timeoutSeconds}, a watch lasts as long as kube-apiserver's shortest default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** Kubernetes sends a last bookmark this long before the watch times out, so that the client resumes from it. */
    static final Duration BOOKMARK_BEFORE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * What the client asked for, beside its starting point; {@code include} is how much of each object a table row
     * carries.
     */
    public record Options<T>(Predicate<T> selected, boolean asTable, Table.IncludeObject include, boolean allowBookmarks,
            Duration timeout) {

        /** Bookmarks go to JSON watches that allow them; never to Table watches, as in Kubernetes. */
        boolean bookmarks() {
            return allowBookmarks && !asTable;
        }

        public static Duration timeout(Long timeoutSeconds) {
            return timeoutSeconds == null || timeoutSeconds <= 0 ? DEFAULT_TIMEOUT
                    : Duration.ofSeconds(timeoutSeconds);
        }
    }

    /**
     * Where a watch starts: the objects to send as ADDED first (none when resuming), the revision after which
     * changes follow, and the cluster's committed revision read before.
     */
    public record Start<T>(List<T> initial, long since, long current) {
    }

    /** Where the stream's changes come from: {@link Watches#subscribe} for the watched cluster and kind. */
    public interface Source<T> {
        Watches.Subscription subscribe(long since, long current, Watches.Watcher<T> watcher);
    }

    /**
     * How the watched kind is shown: its objects on the wire, a one-row table of one (with the columns of
     * {@code kubectl get}), and the kind a bookmark names.
     */
    public record Presentation<T>(StoredKind<T> kind, String kindName, String apiVersion,
            Function<T, Object> toWire, TableRow<T> table) {
    }

    /** A table of {@code object} as {@code kubectl get} shows it. */
    @FunctionalInterface
    public interface TableRow<T> {
        Table render(T object, long resourceVersion, Instant now, Table.IncludeObject include);
    }

    /** One event of the stream, {@code type} first as Kubernetes writes it. */
    record Event(String type, Object object) {
    }

    /** A BOOKMARK event's object: only the kind and the resourceVersion the client may resume from. */
    record Bookmark(String kind, String apiVersion, Map<String, String> metadata) {

        static Bookmark at(String kind, String apiVersion, long resourceVersion) {
            return new Bookmark(kind, apiVersion, Map.of("resourceVersion", String.valueOf(resourceVersion)));
        }
    }

    private final WatchTransport transport;
    private final Context context;
    private final ObjectMapper json;
    private final Presentation<T> presentation;
    private final Options<T> options;
    private final Duration bookmarkInterval;
    private final AtomicBoolean columnsSent = new AtomicBoolean();
    private final List<Long> timers = new ArrayList<>();
    private Watches.Subscription subscription;
    private boolean ended;
    private boolean closed;

    public WatchStream(WatchTransport transport, Context context, ObjectMapper json, Presentation<T> presentation,
            Options<T> options, Duration bookmarkInterval) {
        this.transport = transport;
        this.context = context;
        this.json = json;
        this.presentation = presentation;
        this.options = options;
        this.bookmarkInterval = bookmarkInterval;
    }

    /** Streams from {@code start} until the stream ends; completes then. */
    public Uni<Void> run(Source<T> source, Uni<Start<T>> start) {
        return Uni.createFrom().emitter(finished -> context.runOnContext(ignored -> {
            transport.onClose(() -> {
                if (!closed) {
                    closed = true;
                    ended = true;
                    timers.forEach(context.owner()::cancelTimer);
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    finished.complete(null);
                }
            });
            schedule(options.timeout(), this::end);
            start.subscribe().with(
                    from -> context.runOnContext(started -> begin(source, from)),
                    this::failed);
        }));
    }

    @Override
    public void changed(Change<T> change) {
        change.seenThrough(options.selected()).ifPresent(this::send);
    }

    @Override
    public void expired(long since, long prunedThrough) {
        stopWith(Status.failure(410, "Expired",
                "too old resource version: " + since + " (" + prunedThrough + ")", null));
    }

    @Override
    public void failed(Throwable failure) {
        LOG.warnf("a watch could not be served: %s", failure.toString());
        stopWith(ApiException.internalError("the watch could not be read; watch again").toStatus());
    }

    /** Sends the initial requests, subscribes, and starts the bookmarks. */
    private void begin(Source<T> source, Start<T> from) {
        if (closed) {
            return;
        }
        from.initial().stream().filter(options.selected())
                .forEach(object -> send(new Change<>(presentation.kind(), WatchType.ADDED, object, null)));
        subscription = source.subscribe(from.since(), from.current(), this);
        if (options.bookmarks()) {
            timers.add(context.owner().setPeriodic(bookmarkInterval.toMillis(), fired -> bookmark()));
            Duration beforeTimeout = options.timeout().minus(BOOKMARK_BEFORE_TIMEOUT);
            if (beforeTimeout.isPositive()) {
                schedule(beforeTimeout, this::bookmark);
            }
        }
    }

    private void schedule(Duration delay, Runnable action) {
        timers.add(context.owner().setTimer(Math.max(1, delay.toMillis()), fired -> action.run()));
    }

    private void bookmark() {
        write(new Event("BOOKMARK", Bookmark.at(presentation.kindName(), presentation.apiVersion(),
                subscription.resourceVersion())));
    }

    private void send(Change<T> change) {
        Object object = options.asTable() ? tableOf(change) : presentation.toWire().apply(change.object());
        write(new Event(change.type().name(), object));
    }

    /** kubectl prints the column headers once, from the first table of the stream. */
    private Table tableOf(Change<T> change) {
        Table table = presentation.table().render(change.object(), change.revision(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), options.include());
        if (columnsSent.compareAndSet(false, true)) {
            return table;
        }
        return new Table(table.kind(), table.apiVersion(), table.metadata(), null, table.rows());
    }

    /** The last event of a stream that cannot go on: an ERROR carrying the {@code Status}, as Kubernetes sends. */
    private void stopWith(Status status) {
        write(new Event("ERROR", status));
        context.runOnContext(ignored -> end());
    }

    private void write(Event event) {
        String encoded;
        try {
            encoded = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a watch event", e);
        }
        context.runOnContext(ignored -> {
            if (!ended) {
                transport.send(encoded);
            }
        });
    }

    private void end() {
        if (!ended) {
            ended = true;
            transport.end();
        }
    }
}
