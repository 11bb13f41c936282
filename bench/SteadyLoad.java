import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * The steady phase's load, through either front door: open loop, request i sent at i / RATE s whether or not earlier
 * ones were answered, so that a slow stack cannot slow the load down (a closed loop would measure its own back-off).
 * The client keeps at most {@link #MAX_PENDING} sends pending and skips a request due when that many are, rather than
 * queue without limit. A send is what the front door answers (the create and approve calls, or a submission until
 * intake's first reply); issuance follows in the phase's {@link Progress}, whose create->issued latency counts from
 * the moment the request was due, so that a late send counts against the stack.
 */
final class SteadyLoad {

    static final int MAX_PENDING = 64;
    /** A phase whose last certificate came later than this after the schedule ended did not keep up. */
    static final Duration KEPT_UP_DRAIN = Duration.ofSeconds(1);

    private final int rate;
    private final Duration duration;
    private final Progress progress;
    /** What a send is, plural: "create+approve calls", "submissions". */
    private final String sends;
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int planned;
    private int skipped;
    private long start;
    private long scheduleEnd;
    private int pendingAtEnd;
    private int awaitingCertificateAtEnd;

    private SteadyLoad(int rate, Duration duration, Progress progress, String sends) {
        this.rate = rate;
        this.duration = duration;
        this.progress = progress;
        this.sends = sends;
    }

    /** How many requests RATE a second for the duration are. */
    static int requestCount(int rate, Duration duration) {
        return IssuanceBenchmark.requests((long) rate * duration.toSeconds());
    }

    /**
     * Sends each of {@code requests} ({@link #requestCount} of them) on schedule with {@code send(request, due)}, due
     * a {@link System#nanoTime()}; returns when the schedule ends, sends still pending.
     */
    static <T> SteadyLoad run(List<T> requests, int rate, Duration duration, Progress progress, String sends,
            BiFunction<T, Long, CompletableFuture<?>> send) {
        SteadyLoad load = new SteadyLoad(rate, duration, progress, sends);
        load.schedule(requests, send);
        return load;
    }

    private <T> void schedule(List<T> requests, BiFunction<T, Long, CompletableFuture<?>> send) {
        Semaphore pending = new Semaphore(MAX_PENDING);
        planned = requests.size();
        start = System.nanoTime();
        for (int i = 0; i < planned; i++) {
            long due = start + i * 1_000_000_000L / rate;
            sleepUntil(due);
            if (!pending.tryAcquire()) {
                skipped++;
                continue;
            }
            CompletableFuture<?> call;
            try {
                call = send.apply(requests.get(i), due);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            sent.add(call.handle((ignored, failure) -> {
                pending.release();
                if (failure != null) {
                    synchronized (failures) {
                        failures.add(Batch.rootMessage(failure));
                    }
                }
                return null;
            }));
        }
        scheduleEnd = System.nanoTime();
        pendingAtEnd = MAX_PENDING - pending.availablePermits();
        awaitingCertificateAtEnd = progress.unsettled(progress.approved()).size();
    }

    /** Waits until every send is answered (each is bounded in time). */
    void awaitSends() {
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Prints the phase through {@code frontDoor} ("over the API", say) once its certificates were awaited; true when
     * every request sent was issued. A skipped request was never sent: the stack falling behind, which this says, not
     * a request it lost.
     */
    boolean report(PrintStream out, String frontDoor) {
        out.printf("steady: %d requests/s offered for %d s %s, open loop (sent on schedule, at most %d %s pending)%n",
                rate, duration.toSeconds(), frontDoor, MAX_PENDING, sends);
        double scheduleSeconds = Math.max(duration.toNanos(), scheduleEnd - start) / 1e9;
        out.printf("  sent      %5d of %d, %.1f /s%s%n", sent.size(), planned, sent.size() / scheduleSeconds,
                skipped == 0 ? "" : "; " + skipped + " SKIPPED (due while " + MAX_PENDING + " " + sends
                        + " were pending)");
        synchronized (failures) {
            if (!failures.isEmpty()) {
                out.printf("  %d %s FAILED, first: %s%n", failures.size(), sends, failures.getFirst());
            }
        }
        out.printf("  issued    %5d, %.1f /s (first scheduled send to last certificate seen)%n",
                progress.issuedCount(), progress.issuedCount() / progress.secondsToLastIssued(start));
        out.printf("  create->issued    %s (from the scheduled send)   target p99 < 250 ms at 300/s%n",
                Latencies.spread(progress.createToIssued()));
        out.printf("  when the schedule ended: %d %s pending, %d approved requests awaiting their certificate%n",
                pendingAtEnd, sends, awaitingCertificateAtEnd);
        double drain = progress.secondsToLastIssued(scheduleEnd);
        boolean keptUp = skipped == 0 && failures.isEmpty() && drain <= KEPT_UP_DRAIN.toNanos() / 1e9
                && progress.issuedCount() == planned;
        out.printf(keptUp ? "  the stack kept up (last certificate %.1f s after the schedule)%n"
                : "  the stack FELL BEHIND: its last certificate came %.1f s after the schedule ended%n", drain);
        return progress.reportUnissued(out, sent.size());
    }

    /** Parks until {@code due} ({@link System#nanoTime()}), however often the park returns early. */
    private static void sleepUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
