import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What each service's CPU went to while the benchmark loaded it, from the {@code jdk.ExecutionSample} events of its
 * flight recording (the samples {@code jfr print --events jdk.ExecutionSample} shows), counted only between FROM and
 * TO (epoch milliseconds) so that start-up and shutdown do not drown the load:
 * {@code JfrSummary FROM TO RECORDING...}.
 *
 * <p>Per recording: the share of samples by library, each sample going to the innermost frame of a known library
 * (a HashMap.get called by Hibernate counts as Hibernate), and the ten hottest methods (the top frame, as
 * {@code jfr view hot-methods} counts them, which covers the whole recording).
 */
public final class JfrSummary {

    /** Package prefixes to library names; the first that matches a frame wins, so narrower prefixes come first. */
    static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("io.certpipe.", "certpipe"),
            Map.entry("org.hibernate.", "Hibernate"),
            Map.entry("io.vertx.pgclient.", "Vert.x PostgreSQL client"),
            Map.entry("io.vertx.sqlclient.", "Vert.x PostgreSQL client"),
            Map.entry("io.vertx.", "Vert.x"),
            Map.entry("io.netty.", "Netty"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"),
            Map.entry("io.smallrye.mutiny.", "Mutiny"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("org.jboss.resteasy.", "RESTEasy Reactive"),
            Map.entry("io.quarkus.", "Quarkus"),
            Map.entry("sun.security.ssl.", "TLS (sun.security.ssl)"),
            Map.entry("sun.security.", "crypto (JDK)"),
            Map.entry("com.sun.crypto.", "crypto (JDK)"),
            Map.entry("java.security.", "crypto (JDK)"),
            Map.entry("javax.crypto.", "crypto (JDK)"),
            Map.entry("org.bouncycastle.", "crypto (Bouncy Castle)"));
    static final String UNATTRIBUTED = "JDK and other (no library frame)";
    static final int LIBRARY_ROWS = 10;
    static final int HOT_METHODS = 10;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: JfrSummary FROM_EPOCH_MS TO_EPOCH_MS RECORDING...");
            System.exit(2);
        }
        Instant from = Instant.ofEpochMilli(Long.parseLong(args[0]));
        Instant to = Instant.ofEpochMilli(Long.parseLong(args[1]));
        for (int i = 2; i < args.length; i++) {
            summarise(System.out, Path.of(args[i]), from, to);
        }
    }

    private static void summarise(PrintStream out, Path recording, Instant from, Instant to) throws IOException {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)
                        || event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                samples++;
                byLibrary.merge(library(frames), 1, Integer::sum);
                byMethod.merge(name(frames.getFirst().getMethod()), 1, Integer::sum);
            }
        }
        out.printf("%s: %d execution samples during the load%n", recording.getFileName(), samples);
        if (samples == 0) {
            return;
        }
        out.println("  by library (innermost library frame of each sample):");
        printTop(out, byLibrary, samples, LIBRARY_ROWS);
        out.println("  hot methods (top frame):");
        printTop(out, byMethod, samples, HOT_METHODS);
    }

    /** The library of the innermost frame that belongs to one, else {@link #UNATTRIBUTED}. */
    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> library : LIBRARIES) {
                if (type.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return UNATTRIBUTED;
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static void printTop(PrintStream out, Map<String, Integer> counts, int samples, int rows) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows)
                .forEach(entry -> out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey()));
    }
}
