import java.util.List;
import java.util.Locale;

/** Percentiles of latencies in nanoseconds, shown in milliseconds. */
final class Latencies {

    private Latencies() {
    }

    /** "p50 …, p95 …, p99 …, max … ms" of the latencies, in any order; "-" when there are none. */
    static String spread(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "-";
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %s, p95 %s, p99 %s, max %s ms (%d)", millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)), millis(percentile(sorted, 99)), millis(sorted.getLast()),
                sorted.size());
    }

    /** The nearest-rank percentile of sorted latencies. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** One decimal below 100 ms, where the idle targets (20 ms, 50 ms) sit; whole milliseconds above. */
    private static String millis(long nanos) {
        double millis = nanos / 1e6;
        return String.format(Locale.ROOT, millis < 100 ? "%.1f" : "%.0f", millis);
    }
}
