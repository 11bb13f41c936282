package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;

/**
 * Watches as kubectl and the fabric8 client use them: a change made after a watch started reaches it, a watch from
 * an earlier resourceVersion replays every change since, label selectors turn changes into ADDED and DELETED, JSON
 * watches get bookmarks, and a WebSocket watch gets each event as one message.
 */
class CsrWatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void tableWatchStartedBeforeAChangeShowsEachStateAsItHappens() {
        String name = Csrs.uniqueName("watched");
        try (WatchingKubectl watch = WatchingKubectl.start("get", "csr", "--watch", "--field-selector",
                "metadata.name=" + name)) {
            watch.awaitWatchEstablished();
            admin.create(manifest(name));
            admin.approve(name);

            List<String> conditions = new ArrayList<>();
            while (!conditions.contains("Approved,Issued")) {
                List<String> cells = List.of(watch.awaitLine(line -> line.startsWith(name + " ")).trim()
                        .split("\\s+"));
                conditions.add(cells.getLast());
            }
            assertEquals(List.of("Pending", "Approved", "Approved,Issued"), conditions);
            assertTrue(watch.printed().getFirst().trim().startsWith("NAME "), "the Table's header first: "
                    + watch.printed());
        }
    }

    @Test
    void watchFromAnEarlierResourceVersionReplaysEveryChangeSinceInOrder() {
        String name = Csrs.uniqueName("replayed");
        long before = revisionToWatchFrom();
        admin.create(manifest(name));
        admin.approve(name);
        Csrs.awaitCertificate(admin, name);
        admin.delete(name);

        List<JsonNode> events = rawWatch("resourceVersion=" + before + "&timeoutSeconds=2&fieldSelector="
                + encode("metadata.name=" + name));

        assertEquals(List.of("ADDED", "MODIFIED", "MODIFIED", "DELETED"), types(events), events.toString());
        List<Long> revisions = events.stream().map(CsrWatchIT::resourceVersion).toList();
        assertTrue(revisions.getFirst() > before, "only changes after " + before + ": " + revisions);
        assertEquals(revisions.stream().sorted().distinct().toList(), revisions, "in revision order, each once");
        JsonNode added = events.get(0).path("object");
        JsonNode issued = events.get(2).path("object");
        assertTrue(added.path("status").path("conditions").isEmpty(), added.toString());
        assertTrue(Csrs.condition(events.get(1).path("object"), CsrCondition.APPROVED).isPresent());
        assertTrue(issued.path("status").path("certificate").isTextual(), issued.toString());
    }

    @Test
    void labelSelectedWatchSeesARequestEnterAsAddedAndLeaveAsDeleted() {
        String name = Csrs.uniqueName("relabelled");
        admin.create(manifest(name));
        long before = listResourceVersion();
        admin.run("label", "csr", name, "watch-test=" + name + "-in").requireSuccess("kubectl label");
        admin.run("label", "csr", name, "watch-test=" + name + "-out", "--overwrite")
                .requireSuccess("kubectl label --overwrite");

        List<JsonNode> events = rawWatch("resourceVersion=" + before + "&timeoutSeconds=2&labelSelector="
                + encode("watch-test=" + name + "-in"));

        assertEquals(List.of("ADDED", "DELETED"), types(events), events.toString());
        JsonNode left = events.get(1).path("object");
        assertEquals(name + "-in", left.path("metadata").path("labels").path("watch-test").asText(),
                "DELETED carries the request as it last matched: " + left);
        assertTrue(resourceVersion(events.get(1)) > resourceVersion(events.get(0)), events.toString());
    }

    @Test
    void jsonWatchAllowingBookmarksGetsOneCarryingOnlyTheResourceVersionBeforeItTimesOut() {
        long now = listResourceVersion();

        List<JsonNode> events = rawWatch("resourceVersion=" + now + "&allowWatchBookmarks=true&timeoutSeconds=4"
                + "&fieldSelector=" + encode("metadata.name=" + Csrs.uniqueName("nobody")));

        assertEquals(List.of("BOOKMARK"), types(events), events.toString());
        JsonNode bookmark = events.getFirst().path("object");
        assertEquals(Set.of("kind", "apiVersion", "metadata"), fieldNames(bookmark), bookmark.toString());
        assertEquals("CertificateSigningRequest", bookmark.path("kind").asText());
        assertEquals("certificates.k8s.io/v1", bookmark.path("apiVersion").asText());
        assertEquals(Set.of("resourceVersion"), fieldNames(bookmark.path("metadata")), bookmark.toString());
        assertTrue(resourceVersion(events.getFirst()) >= now, bookmark.toString());
    }

    @Test
    void webSocketWatchAsFabric8OpensItSendsEachEventAsOneMessage() throws Exception {
        String name = Csrs.uniqueName("websocket");
        Messages messages = new Messages();
        URI watch = URI.create(Stack.apiServer().replaceFirst("^https:", "wss:") + ApiClient.CSRS
                + "?watch=true&timeoutSeconds=10&fieldSelector=" + encode("metadata.name=" + name));
        ApiClient.admin().newWebSocketBuilder().buildAsync(watch, messages).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        admin.create(manifest(name));
        JsonNode added = messages.next();
        admin.delete(name);
        JsonNode deleted = messages.next();

        assertEquals("ADDED", added.path("type").asText(), added.toString());
        assertEquals(name, added.path("object").path("metadata").path("name").asText());
        assertEquals("DELETED", deleted.path("type").asText(), deleted.toString());
        assertEquals(WebSocket.NORMAL_CLOSURE, messages.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                "the server closes the watch when it times out");
    }

    private String manifest(String name) {
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=" + name + "/O=dev-team");
        return Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .yaml();
    }

    /**
     * A resourceVersion to resume from. On a fresh stack the collection's is 0, which a watch takes to mean "from now"
     * (as Kubernetes does), so a request is created first to make it a real revision.
     */
    private long revisionToWatchFrom() {
        admin.create(manifest(Csrs.uniqueName("earlier")));
        return listResourceVersion();
    }

    /** The collection's resourceVersion, from a plain list. */
    private long listResourceVersion() {
        JsonNode list = admin.rawCsrs("limit=1").getFirst();
        return Long.parseLong(list.path("metadata").path("resourceVersion").asText());
    }

    /** A JSON watch through {@code kubectl get --raw}; every line must be one whole event. */
    private List<JsonNode> rawWatch(String query) {
        return admin.rawCsrs("watch=true&" + query);
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asText()).toList();
    }

    private static long resourceVersion(JsonNode event) {
        return Long.parseLong(event.path("object").path("metadata").path("resourceVersion").asText());
    }

    private static Set<String> fieldNames(JsonNode object) {
        return Set.copyOf(StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false)
                .toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not one JSON document: " + json, e);
        }
    }

    /** A running {@code kubectl ... --watch}: what it prints, line by line, as it prints it. */
    private static final class WatchingKubectl implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
        private final List<String> printed = new ArrayList<>();

        private WatchingKubectl(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> pump(process.getInputStream(), stdout));
            Thread.ofVirtual().start(() -> pump(process.getErrorStream(), stderr));
        }

        /** {@code kubectl -v=6 args...}: at that level kubectl logs each response once its headers arrive. */
        static WatchingKubectl start(String... args) {
            List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", Stack.adminKubeconfig().toString(),
                    "-v=6"));
            argv.addAll(List.of(args));
            try {
                return new WatchingKubectl(new ProcessBuilder(argv).start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run kubectl", e);
            }
        }

        /**
         * Waits until the watch request has been answered: kubectl logs its {@code 200 OK} when the headers arrive,
         * which the server sends before any event.
         */
        void awaitWatchEstablished() {
            await(stderr, line -> line.contains("watch=true") && line.contains(" 200 OK"),
                    "kubectl's watch request answered");
        }

        String awaitLine(Predicate<String> wanted) {
            return await(stdout, wanted, "a line from kubectl --watch");
        }

        /** Everything kubectl printed on stdout so far. */
        List<String> printed() {
            return List.copyOf(printed);
        }

        private String await(BlockingQueue<String> lines, Predicate<String> wanted, String what) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (true) {
                    String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (line == null) {
                        throw new AssertionError("timed out waiting for " + what + "; printed " + printed);
                    }
                    if (lines == stdout) {
                        printed.add(line);
                    }
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void pump(InputStream stream, BlockingQueue<String> lines) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("(kubectl's output broke off: " + e + ")");
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** The messages of a WebSocket watch, each parsed as the one event it must hold. */
    private static final class Messages implements WebSocket.Listener {

        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(parse(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        JsonNode next() throws InterruptedException {
            JsonNode event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no WebSocket message within " + WAIT);
            }
            return event;
        }
    }
}
