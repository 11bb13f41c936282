package io.certpipe.kube.storage;

import java.util.Arrays;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocket;

/**
 * How one watch's events reach the client, each a complete JSON document, as kube-apiserver sends them: in the chunks
 * of a streamed HTTP response, or as one WebSocket text frame each when the client asked for a WebSocket (the
 * fabric8 Kubernetes client does, with no subprotocol). Call it from the watch's Vert.x context only.
 */
public interface WatchTransport {

    /**
     * Sends one event. A client that does not read (its write queue is full) is cut off, as kube-apiserver drops an
     * unresponsive watcher; it resumes by watching again from its last resourceVersion.
     */
    void send(String event);

    /** Ends the watch from the server side; the close handler runs. */
    void end();

    /** Runs {@code closed} once the watch has ended, whichever side ended it. */
    void onClose(Runnable closed);

    /**
     * The transport {@code request} asks for: a WebSocket when it is an upgrade request, else a chunked response with
     * {@code contentType} whose headers leave at once, before any event. Call it before the request's end has been
     * read (in the resource method itself): Vert.x upgrades only a request it has not finished reading.
     */
    static Uni<WatchTransport> open(HttpServerRequest request, String contentType) {
        if (asksForWebSocket(request)) {
            Future<ServerWebSocket> upgrade = request.toWebSocket();
            return Uni.createFrom().completionStage(upgrade.toCompletionStage()).map(WebSocket::new);
        }
        HttpServerResponse response = request.response();
        response.setChunked(true);
        response.putHeader("Content-Type", contentType);
        response.writeHead();
        return Uni.createFrom().item(new Streamed(response));
    }

    /** An HTTP/1.1 GET with {@code Connection: Upgrade} and {@code Upgrade: websocket}, as RFC 6455 defines it. */
    private static boolean asksForWebSocket(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_1_1 && request.method() == HttpMethod.GET
                && headerHasToken(request, HttpHeaders.CONNECTION, "upgrade")
                && headerHasToken(request, HttpHeaders.UPGRADE, "websocket");
    }

    private static boolean headerHasToken(HttpServerRequest request, CharSequence header, String token) {
        return request.headers().getAll(header).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(value -> value.trim().equalsIgnoreCase(token));
    }

    record Streamed(HttpServerResponse response) implements WatchTransport {

        @Override
        public void send(String event) {
            if (response.ended()) {
                return;
            }
            response.write(event + "\n");
            if (response.writeQueueFull()) {
                end();
            }
        }

        @Override
        public void end() {
            if (!response.ended()) {
                response.end();
            }
        }

        @Override
        public void onClose(Runnable closed) {
            response.closeHandler(ignored -> closed.run());
            response.endHandler(ignored -> closed.run());
        }
    }

    record WebSocket(ServerWebSocket socket) implements WatchTransport {

        @Override
        public void send(String event) {
            if (socket.isClosed()) {
                return;
            }
            socket.writeTextMessage(event);
            if (socket.writeQueueFull()) {
                end();
            }
        }

        @Override
        public void end() {
            if (!socket.isClosed()) {
                socket.close();
            }
        }

        @Override
        public void onClose(Runnable closed) {
            socket.closeHandler(ignored -> closed.run());
        }
    }
}
