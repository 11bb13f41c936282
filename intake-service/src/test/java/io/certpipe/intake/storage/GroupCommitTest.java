package io.certpipe.intake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Writes that arrive while their key's batch is being written are committed together next, each with its answer. */
class GroupCommitTest {

    /** Batches as the writer saw them, and a way to finish the batch being written. */
    private final List<String> batches = new ArrayList<>();
    private final List<CompletableFuture<List<GroupCommit.Outcome<String>>>> inFlight = new ArrayList<>();
    private final GroupCommit<String, String> commits = new GroupCommit<>((key, writes) -> {
        batches.add(key + ":" + String.join(",", writes));
        CompletableFuture<List<GroupCommit.Outcome<String>>> done = new CompletableFuture<>();
        inFlight.add(done);
        return Uni.createFrom().completionStage(done);
    }, 3);

    @Test
    void aLoneWriteIsWrittenAtOnce() {
        CompletableFuture<String> answer = submit("a", "w1");

        assertEquals(List.of("a:w1"), batches);
        finish(0, "ok w1");
        assertEquals("ok w1", answer.join());
    }

    @Test
    void writesArrivingDuringABatchAreCommittedTogetherNextInArrivalOrderUpToTheBound() {
        CompletableFuture<String> first = submit("a", "w1");
        List<CompletableFuture<String>> waiting = List.of(submit("a", "w2"), submit("a", "w3"), submit("a", "w4"),
                submit("a", "w5"));

        finish(0, "ok w1");
        assertEquals(List.of("a:w1", "a:w2,w3,w4"), batches);
        finish(1, "ok w2", "ok w3", "ok w4");
        assertEquals(List.of("a:w1", "a:w2,w3,w4", "a:w5"), batches);
        finish(2, "ok w5");

        assertEquals("ok w1", first.join());
        assertEquals(List.of("ok w2", "ok w3", "ok w4", "ok w5"), waiting.stream().map(CompletableFuture::join)
                .toList());
    }

    @Test
    void keysDoNotWaitForEachOther() {
        submit("a", "w1");
        submit("b", "w2");

        assertEquals(List.of("a:w1", "b:w2"), batches);
    }

    @Test
    void eachWriteGetsItsOwnOutcome() {
        submit("a", "w1");
        CompletableFuture<String> refused = submit("a", "w2");
        CompletableFuture<String> accepted = submit("a", "w3");
        finish(0, "ok w1");

        IllegalStateException conflict = new IllegalStateException("conflict");
        inFlight.get(1).complete(List.of(GroupCommit.Outcome.failed(conflict), GroupCommit.Outcome.of("ok w3")));

        assertEquals("ok w3", accepted.join());
        assertTrue(refused.isCompletedExceptionally());
        assertInstanceOf(IllegalStateException.class, refused.handle((ok, failure) -> failure).join());
    }

    @Test
    void aFailedBatchFailsItsWritesAndTheNextBatchStillRuns() {
        CompletableFuture<String> failed = submit("a", "w1");
        CompletableFuture<String> next = submit("a", "w2");

        inFlight.get(0).completeExceptionally(new IllegalStateException("database gone"));
        finish(1, "ok w2");

        assertTrue(failed.isCompletedExceptionally());
        assertEquals("ok w2", next.join());
    }

    private CompletableFuture<String> submit(String key, String write) {
        return commits.submit(key, write).subscribeAsCompletionStage();
    }

    private void finish(int batch, String... results) {
        inFlight.get(batch).complete(Arrays.stream(results).map(GroupCommit.Outcome::of).toList());
    }
}
