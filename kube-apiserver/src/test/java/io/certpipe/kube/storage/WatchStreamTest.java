package io.certpipe.kube.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certpipe.kube.Table;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WatchStreamTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final Predicate<TestKind.Item> EVERYTHING = item -> true;

    private static Vertx vertx;

    private final ClusterFeed feed = new ClusterFeed();
    private final AtomicReference<ClusterFeed.Member<TestKind.Item>> member = new AtomicReference<>();
    private final Context context = vertx.getOrCreateContext();
    private final Frames frames = new Frames(context);

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void startsWithTheCurrentObjectsAsAddedThenFollowsChanges() throws Exception {
        TestKind.Item existing = new TestKind.Item("a", 4, Map.of());
        CompletableFuture<Void> finished = run(json(EVERYTHING, false, LONG),
                new WatchStream.Start<>(List.of(existing), 9, 9));
        awaitMember().replay(page(0));

        feed.deliver(page(0, change(10)));

        List<JsonNode> events = frames.await(2);
        assertEquals("ADDED", events.get(0).path("type").asText());
        assertEquals("4", events.get(0).path("object").path("metadata").path("resourceVersion").asText());
        assertEquals("MODIFIED", events.get(1).path("type").asText());
        assertEquals("10", events.get(1).path("object").path("metadata").path("resourceVersion").asText());
        assertEquals("Widget", events.get(1).path("object").path("kind").asText());
        assertFalse(finished.isDone());
    }

    @Test
    void resourceVersionOlderThanTheLogEndsWithKubernetesExpiredStatus() throws Exception {
        CompletableFuture<Void> finished = run(json(EVERYTHING, false, LONG),
                new WatchStream.Start<>(List.of(), 3, 9));

        awaitMember().replay(page(5, change(6)));

        JsonNode error = frames.await(1).getFirst();
        assertEquals(JSON.readTree("""
                {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "metadata": {},
                 "status": "Failure", "message": "too old resource version: 3 (5)", "reason": "Expired",
                 "code": 410}}"""), error);
        finished.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(frames.ended);
    }

    @Test
    void jsonWatchWithBookmarksGetsOneBeforeItTimesOutCarryingOnlyTheResourceVersion() throws Exception {
        Predicate<TestKind.Item> nothing = item -> false;
        CompletableFuture<Void> finished = run(json(nothing, true, Duration.ofSeconds(3)),
                new WatchStream.Start<>(List.of(), 9, 9));
        awaitMember().replay(page(0));
        feed.deliver(page(0, change(10), change(11)));

        finished.get(AWAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of(JSON.readTree("""
                {"type": "BOOKMARK", "object": {"kind": "Widget",
                 "apiVersion": "example.com/v1", "metadata": {"resourceVersion": "11"}}}""")),
                frames.events(), "changes the selector hides still move the bookmark");
        assertTrue(frames.ended);
    }

    @Test
    void tableWatchGetsNoBookmarksAndItsColumnsOnce() throws Exception {
        CompletableFuture<Void> finished = run(table(true, Duration.ofSeconds(3)),
                new WatchStream.Start<>(List.of(new TestKind.Item("a", 4, Map.of())), 9, 9));
        awaitMember().replay(page(0));
        feed.deliver(page(0, change(10)));

        finished.get(AWAIT.toSeconds(), TimeUnit.SECONDS);

        List<JsonNode> events = frames.events();
        assertEquals(List.of("ADDED", "MODIFIED"), events.stream().map(event -> event.path("type").asText()).toList());
        assertEquals("Table", events.get(0).path("object").path("kind").asText());
        assertEquals(TestKind.COLUMNS.size(), events.get(0).path("object").path("columnDefinitions").size());
        assertTrue(events.get(1).path("object").path("columnDefinitions").isEmpty(), "columns come once");
        assertEquals(1, events.get(1).path("object").path("rows").size());
    }

    @Test
    void clientThatLeavesStopsTheSubscription() throws Exception {
        CompletableFuture<Void> finished = run(json(EVERYTHING, false, LONG),
                new WatchStream.Start<>(List.of(), 9, 9));
        awaitMember().replay(page(0));

        frames.clientCloses();

        finished.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(feed.isIdle());
    }

    private CompletableFuture<Void> run(WatchStream.Options<TestKind.Item> options,
            WatchStream.Start<TestKind.Item> start) {
        WatchStream<TestKind.Item> stream = new WatchStream<>(frames, context, JSON, TestKind.WIDGETS.presentation(),
                options, Duration.ofMinutes(1));
        WatchStream.Source<TestKind.Item> source = (since, current, watcher) -> {
            ClusterFeed.Member<TestKind.Item> joined = feed.join(TestKind.WIDGETS, since, current, watcher);
            member.set(joined);
            return joined;
        };
        return stream.run(source, Uni.createFrom().item(start)).subscribeAsCompletionStage();
    }

    private ClusterFeed.Member<TestKind.Item> awaitMember() throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (member.get() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stream never subscribed");
            }
            Thread.sleep(10);
        }
        return member.get();
    }

    private static WatchStream.Options<TestKind.Item> json(Predicate<TestKind.Item> selected, boolean bookmarks, Duration timeout) {
        return new WatchStream.Options<>(selected, false, Table.IncludeObject.METADATA, bookmarks, timeout);
    }

    private static WatchStream.Options<TestKind.Item> table(boolean bookmarks, Duration timeout) {
        return new WatchStream.Options<>(EVERYTHING, true, Table.IncludeObject.METADATA, bookmarks, timeout);
    }

    private static ChangeLog.Page page(long prunedThrough, Change<?>... changes) {
        return new ChangeLog.Page(List.of(changes), prunedThrough, false);
    }

    private static Change<?> change(long revision) {
        return TestKind.WIDGETS.modified(revision);
    }

    /** A transport that keeps every frame it was asked to send. */
    private static final class Frames implements WatchTransport {

        private final Context context;
        private final List<String> sent = new CopyOnWriteArrayList<>();
        private volatile boolean ended;
        private volatile Runnable closed;

        Frames(Context context) {
            this.context = context;
        }

        @Override
        public void send(String event) {
            sent.add(event);
        }

        @Override
        public void end() {
            ended = true;
            closed.run();
        }

        @Override
        public void onClose(Runnable closed) {
            this.closed = closed;
        }

        void clientCloses() {
            context.runOnContext(ignored -> closed.run());
        }

        List<JsonNode> events() {
            return sent.stream().map(WatchStreamTest::parse).toList();
        }

        List<JsonNode> await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + AWAIT.toNanos();
            while (sent.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " events, got " + sent);
                }
                Thread.sleep(10);
            }
            return events();
        }
    }

    private static JsonNode parse(String event) {
        try {
            return JSON.readTree(event);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event, e);
        }
    }
}
