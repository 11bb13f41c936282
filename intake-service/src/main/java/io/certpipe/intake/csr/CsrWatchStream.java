package io.certpipe.intake.csr;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.Status;
import io.certpipe.intake.kube.Table;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * One {@code watch=true} response, as kube-apiserver streams it: chunked JSON, one {@code {"type","object"}} per line,
 * each object a request (or a one-row Table when the caller asked for tables). The stream ends after
 * {@code timeoutSeconds} or when the client goes away; kubectl then exits or re-watches.
 */
final class CsrWatchStream {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final HttpServerResponse response;
    private final ObjectMapper json;
    private final Predicate<StoredCsr> selected;
    private final boolean asTable;
    private final AtomicBoolean columnsSent = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    CsrWatchStream(HttpServerResponse response, ObjectMapper json, Predicate<StoredCsr> selected, boolean asTable) {
        this.response = response;
        this.json = json;
        this.selected = selected;
        this.asTable = asTable;
    }

    /** Streams changes after {@code since}, first sending {@code initial} as ADDED; completes when the stream ends. */
    Uni<Void> run(Vertx vertx, CsrWatches watches, String cluster, long since, long current, List<StoredCsr> initial,
            Duration timeout) {
        response.setChunked(true);
        response.putHeader("Content-Type", asTable ? Table.MEDIA_TYPE : "application/json");
        response.writeHead();
        initial.forEach(csr -> send(CsrWatches.Type.ADDED.name(), csr));
        CsrWatches.Subscription subscription = watches.watch(cluster, since, current, change -> {
            if (selected.test(change.csr())) {
                send(change.type().name(), change.csr());
            }
        });
        if (subscription == null) {
            Status gone = Status.failure(410, "Expired", "too old resource version: " + since + " (" + current
                    + ")", null);
            write(new Event("ERROR", gone));
            end();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(timeout.toMillis(), ignored -> end());
            Runnable finish = () -> {
                subscription.cancel();
                vertx.cancelTimer(timer);
                emitter.complete(null);
            };
            response.closeHandler(ignored -> finish.run());
            response.endHandler(ignored -> finish.run());
        });
    }

    /** One line of the stream, {@code type} first as Kubernetes writes it. */
    record Event(String type, Object object) {
    }

    static long sinceRevision(String resourceVersion) {
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resourceVersion \"" + resourceVersion + "\"");
        }
    }

    private void send(String type, StoredCsr csr) {
        Object object = asTable ? tableOf(csr) : CsrRepresentation.toWire(csr);
        write(new Event(type, object));
    }

    /** kubectl prints the column headers once, from the first table of the stream. */
    private Table tableOf(StoredCsr csr) {
        Table table = CsrTable.render(List.of(csr), csr.resourceVersion(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (columnsSent.compareAndSet(false, true)) {
            return table;
        }
        return new Table(table.kind(), table.apiVersion(), table.metadata(), null, table.rows());
    }

    private void write(Object event) {
        if (ended.get()) {
            return;
        }
        try {
            response.write(json.writeValueAsString(event) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a watch event", e);
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true) && !response.ended()) {
            response.end();
        }
    }
}
