package io.certpipe.intake.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.certpipe.common.consumer.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Writes that arrive together for one key are committed together: a group commit. While a batch for a key is being
 * written, the writes that arrive for it wait, and the next batch takes them all (up to a bound), in arrival order.
 * Writes that serialise on one lock anyway (a cluster's revision row) then pay for one transaction, one lock and one
 * commit between them instead of queueing for the lock one by one. Each write still gets its own answer.
 *
 * @param <W> a write
 * @param <R> its result
 */
public final class GroupCommit<W, R> {

    /** Writes one batch for one key; answers one outcome per write, in order, and fails only if all of them did. */
    @FunctionalInterface
    public interface BatchWriter<W, R> {
        Uni<List<Outcome<R>>> write(String key, List<W> writes);
    }

    /** What became of one write of a batch: its result, or why it failed (the others may still have committed). */
    public record Outcome<R>(R result, Throwable failure) {

        public static <R> Outcome<R> of(R result) {
            return new Outcome<>(result, null);
        }

        public static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    private record Pending<W, R>(W write, UniEmitter<? super R> emitter, Executor context) {

        void settle(Outcome<R> outcome) {
            context.execute(() -> {
                if (outcome.failure() != null) {
                    emitter.fail(outcome.failure());
                } else {
                    emitter.complete(outcome.result());
                }
            });
        }
    }

    private final class KeyQueue {
        private final String key;
        private final Queue<Pending<W, R>> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean writing = new AtomicBoolean();

        KeyQueue(String key) {
            this.key = key;
        }
    }

    private final BatchWriter<W, R> writer;
    private final int maxBatch;
    private final Map<String, KeyQueue> queues = new ConcurrentHashMap<>();

    public GroupCommit(BatchWriter<W, R> writer, int maxBatch) {
        this.writer = writer;
        this.maxBatch = maxBatch;
    }

    /**
     * Writes {@code write} with the next batch of {@code key}; its result arrives on the caller's Vert.x context. The
     * first batch of an idle key starts at once, on the caller's context, so a lone write waits for nobody.
     */
    public Uni<R> submit(String key, W write) {
        return Uni.createFrom().emitter(emitter -> {
            KeyQueue queue = queues.computeIfAbsent(key, KeyQueue::new);
            queue.waiting.add(new Pending<>(write, emitter, VertxContexts.current()));
            writeNextBatch(queue);
        });
    }

    private void writeNextBatch(KeyQueue queue) {
        if (!queue.writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending<W, R>> batch = new ArrayList<>();
        for (Pending<W, R> next; batch.size() < maxBatch && (next = queue.waiting.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            queue.writing.set(false);
            // A write that arrived between the poll and the release would otherwise wait for the next caller.
            if (!queue.waiting.isEmpty()) {
                writeNextBatch(queue);
            }
            return;
        }
        Uni<List<Outcome<R>>> written;
        try {
            written = writer.write(queue.key, batch.stream().map(Pending::write).toList());
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        written.subscribe().with(outcomes -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).settle(outcomes.get(i));
            }
            finished(queue);
        }, failure -> {
            batch.forEach(pending -> pending.settle(Outcome.failed(failure)));
            finished(queue);
        });
    }

    private void finished(KeyQueue queue) {
        queue.writing.set(false);
        writeNextBatch(queue);
    }
}
