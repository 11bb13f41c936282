import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The peer figure: {@code cfssl serve}'s sign rate, driven like certpipe's bulk phase (fresh EC P-256 PKCS#10
 * requests made before timing, {@link Batch#IN_FLIGHT} calls in flight, keep-alive) but over plain HTTP, which is
 * what cfssl serves, and with nothing stored:
 * {@code CfsslBenchmark BASE_URL COUNT RATE_FILE}. When every request was signed, writes the sign rate (certificates
 * per second) to RATE_FILE for bench/run's comparison, and exits with status 0.
 */
public final class CfsslBenchmark {

    static final String SIGN = "/api/v1/cfssl/sign";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CfsslBenchmark BASE_URL COUNT RATE_FILE");
            System.exit(2);
        }
        URI sign = URI.create(args[0] + SIGN);
        int count = Integer.parseInt(args[1]);
        List<String> bodies = signRequests(count);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT)
                .build();
        Batch batch = Batch.run(bodies, body -> http.sendAsync(HttpRequest.newBuilder(sign)
                        .header("Content-Type", "application/json")
                        .timeout(CALL_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString())
                .thenAccept(CfsslBenchmark::expectCertificate));
        print(System.out, batch);
        if (batch.failed() == 0) {
            Files.writeString(Path.of(args[2]), String.format(Locale.ROOT, "%.1f%n", batch.perSecond()));
        }
        System.exit(batch.failed() == 0 ? 0 : 1);
    }

    /** The bodies {@code cfssl sign} takes: {@code {"certificate_request": PEM}}, one fresh key each. */
    private static List<String> signRequests(int count) throws Exception {
        Pkcs10 pkcs10 = new Pkcs10();
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(JSON.createObjectNode().put("certificate_request", pkcs10.request("cfssl-bench-" + i))
                    .toString());
        }
        return bodies;
    }

    /** Fails unless cfssl answered 200 with {@code success} and a certificate. */
    private static void expectCertificate(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("sign: HTTP " + response.statusCode() + ", not JSON: " + response.body());
        }
        if (response.statusCode() != 200 || !body.path("success").asBoolean()
                || body.path("result").path("certificate").asText().isEmpty()) {
            throw new IllegalStateException("sign: HTTP " + response.statusCode() + " " + body.path("errors"));
        }
    }

    private static void print(PrintStream out, Batch batch) {
        out.printf("cfssl: %d sign requests, %d in flight, HTTP with keep-alive, nothing stored%n", batch.attempted(),
                Batch.IN_FLIGHT);
        out.printf("  sign      %5d ok in %7.2f s  %8.1f /s   call latency %s%s%n", batch.succeeded(),
                batch.seconds(), batch.perSecond(), Latencies.spread(batch.latencies()), batch.failures());
    }
}
