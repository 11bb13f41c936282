package io.certpipe.kube.storage;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.kube.ResourceVersions;
import io.certpipe.kube.Table;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Serves a watch of any stored kind. Without a resourceVersion (or "0") the stream starts with every current object
 * as ADDED, like kube-apiserver; otherwise with the logged changes after that revision. The transport (a chunked
 * response, or a WebSocket for clients that ask for one) is opened here, before anything is read; from then on the
 * stream writes everything itself, so nothing is left for JAX-RS to send.
 */
@ApplicationScoped
public class WatchServer {

    private final Watches watches;
    private final ObjectMapper json;

    public WatchServer(Watches watches, ObjectMapper json) {
        this.watches = watches;
        this.json = json;
    }

    /**
     * Streams {@code cluster}'s changes of the presented kind until the watch ends. {@code list} reads every object
     * and the revision they are current at from one snapshot; {@code current} reads the committed revision. Call it
     * from the resource method, on its Vert.x context.
     */
    public <T> Uni<Void> serve(HttpServerRequest request, String cluster, String resourceVersion,
            WatchStream.Presentation<T> presentation, WatchStream.Options<T> options,
            Supplier<Uni<Listed<T>>> list, Supplier<Uni<Long>> current) {
        boolean fromNow = resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
        Uni<WatchStream.Start<T>> start;
        if (fromNow) {
            start = list.get().map(listed -> new WatchStream.Start<>(listed.items(), listed.resourceVersion(),
                    listed.resourceVersion()));
        } else {
            long since = ResourceVersions.parse(resourceVersion);
            start = current.get().map(revision -> new WatchStream.Start<>(List.of(), since, revision));
        }
        Context context = Vertx.currentContext();
        String contentType = options.asTable() ? Table.MEDIA_TYPE : MediaType.APPLICATION_JSON;
        return WatchTransport.open(request, contentType)
                .chain(transport -> new WatchStream<>(transport, context, json, presentation, options,
                        watches.bookmarkInterval())
                        .run((since, revision, watcher) -> watches.subscribe(cluster, presentation.kind(), since,
                                revision, watcher), start));
    }
}
