import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * One batch of calls, at most {@link #IN_FLIGHT} at a time (the client style certpipe and cfssl are both driven
 * with): how long it took, each successful call's latency, and what failed. Each call must be bounded in time.
 */
record Batch(int attempted, int failed, String firstFailure, long nanos, List<Long> latencies) {

    static final int IN_FLIGHT = 16;

    static <T> Batch run(List<T> items, Function<T, CompletableFuture<?>> call) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> calls = new ArrayList<>(items.size());
        List<Long> latencies = new ArrayList<>(items.size());
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (T item : items) {
            slots.acquireUninterruptibly();
            long sent = System.nanoTime();
            CompletableFuture<?> pending;
            try {
                pending = call.apply(item);
            } catch (RuntimeException e) {
                pending = CompletableFuture.failedFuture(e);
            }
            calls.add(pending.whenComplete((ignored, failure) -> {
                long latency = System.nanoTime() - sent;
                synchronized (latencies) {
                    if (failure == null) {
                        latencies.add(latency);
                    } else {
                        failures.add(rootMessage(failure));
                    }
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
        long nanos = System.nanoTime() - start;
        synchronized (latencies) {
            return new Batch(items.size(), failures.size(), failures.isEmpty() ? null : failures.getFirst(), nanos,
                    List.copyOf(latencies));
        }
    }

    int succeeded() {
        return attempted - failed;
    }

    double perSecond() {
        return nanos == 0 ? 0 : succeeded() / (nanos / 1e9);
    }

    double seconds() {
        return nanos / 1e9;
    }

    /** "" when every call succeeded, else how many failed and the first reason. */
    String failures() {
        return failed == 0 ? "" : "  " + failed + " FAILED, first: " + firstFailure;
    }

    /** The failure's own message, not that of the CompletionException wrapping it. */
    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
