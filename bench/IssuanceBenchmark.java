import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * certpipe's issuance benchmark, one phase per launch by {@code bench/run} (which compiles {@code bench/*.java} once),
 * through either of certpipe's front doors:
 * <pre>
 * IssuanceBenchmark api CERTPIPE_HOME HTTPS_PORT[,PORT...] PHASE the Kubernetes API over HTTPS ({@link ApiPhases}),
 *                                                                 calls in turn to each intake instance's port
 * IssuanceBenchmark kafka CLIENT_PROPERTIES CLIENT_NAME PHASE    an automation client's topics ({@link KafkaPhases})
 *
 * PHASE: idle COUNT              latency on an idle stack, one request at a time
 *        steady RATE SECONDS     latency at a fixed request rate, open loop ({@link SteadyLoad})
 *        bulk COUNT RATE_FILE    throughput of COUNT requests, {@link Batch#IN_FLIGHT} in flight
 * </pre>
 * Each launch names its requests after a run of its own, so it sees nothing of another's. Every wait is bounded, so
 * the program always ends. Exit status 0 when every request the phase sent was issued.
 */
public final class IssuanceBenchmark {

    static final int MAX_REQUESTS = 100_000;
    /** The validity every benchmark request asks for, through either door. */
    static final Duration CERTIFICATE_LIFETIME = Duration.ofDays(1);
    /** How long the idle phase waits for one certificate before it gives up on the phase. */
    static final Duration IDLE_ISSUANCE_WAIT = Duration.ofSeconds(30);
    /** How long issuance may take after the last request was sent: a base plus a little per request. */
    private static final Duration SETTLE_BASE = Duration.ofSeconds(60);
    private static final Duration SETTLE_PER_REQUEST = Duration.ofMillis(50);

    /** The three phases through one front door; each is true when every request it sent was issued. */
    interface Phases {

        /** Latency on an idle stack: one request at a time, the next sent once the last is issued. */
        boolean idle(int count) throws Exception;

        /** Latency under steady load: RATE requests a second for the duration, open loop ({@link SteadyLoad}). */
        boolean steady(int rate, Duration duration) throws Exception;

        /**
         * Throughput of {@code count} requests; when every one was issued, writes the pipeline rate (certificates per
         * second, first request sent to last certificate seen) to {@code rateFile} for bench/run's comparisons.
         */
        boolean bulk(int count, Path rateFile) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !(args[0].equals("api") || args[0].equals("kafka"))
                || args.length != 4 + phaseArgumentCount(args[3])) {
            System.err.println("usage: IssuanceBenchmark (api CERTPIPE_HOME HTTPS_PORT[,PORT...]"
                    + " | kafka CLIENT_PROPERTIES CLIENT_NAME)"
                    + " (idle COUNT | steady RATE SECONDS | bulk COUNT RATE_FILE)");
            System.exit(2);
        }
        Phases phases = args[0].equals("api") ? ApiPhases.of(Path.of(args[1]),
                Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList())
                : KafkaPhases.open(Path.of(args[1]), args[2]);
        boolean allIssued = switch (args[3]) {
            case "idle" -> phases.idle(requests(Integer.parseInt(args[4])));
            case "steady" -> phases.steady(Integer.parseInt(args[4]), Duration.ofSeconds(Integer.parseInt(args[5])));
            default -> phases.bulk(requests(Integer.parseInt(args[4])), Path.of(args[5]));
        };
        System.exit(allIssued ? 0 : 1);
    }

    /** How many arguments the phase takes after its name; -1 for an unknown phase. */
    private static int phaseArgumentCount(String phase) {
        return switch (phase) {
            case "idle" -> 1;
            case "steady", "bulk" -> 2;
            default -> -1;
        };
    }

    /** A request count, checked against {@link #MAX_REQUESTS}. */
    static int requests(long count) {
        if (count < 1 || count > MAX_REQUESTS) {
            throw new IllegalArgumentException(count + " requests: not within 1.." + MAX_REQUESTS);
        }
        return (int) count;
    }

    /** What this launch's request names (and, over the API, their label) start from. */
    static String newRun() {
        return Long.toString(System.currentTimeMillis(), 36);
    }

    /** How long to wait for the certificates of {@code requests} requests once the last was sent. */
    static Duration settleWithin(int requests) {
        return SETTLE_BASE.plus(SETTLE_PER_REQUEST.multipliedBy(requests));
    }
}
