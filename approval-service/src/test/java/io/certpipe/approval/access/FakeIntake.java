package io.certpipe.approval.access;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.common.csr.TestPki;

/**
 * intake's API as approval-service's tests need it: a loopback HTTP server (the client speaks TLS to {@code https}
 * URLs only, so plain HTTP tests everything but the handshake) that answers each path what the test sets, 404 with a
 * {@code Status} otherwise, and records every call; and a credentials directory holding approval-service's client
 * certificate for the clusters a test names.
 */
public final class FakeIntake implements AutoCloseable {

    /** Short, so that a test of a slow API is quick. */
    public static final Duration TIMEOUT = Duration.ofMillis(500);

    private record Answer(int status, String body, Duration delay) {
    }

    private record TestIntakeConfig(URI url, Path trustedCa, Path credentials, Duration timeout)
            implements ApprovalConfig.Intake {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Path credentials;
    private final Path trustedCa;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private FakeIntake(Path home) throws IOException {
        credentials = home.resolve("clusters");
        KeyPair servingCa = TestPki.ecKey();
        TestPki.writeCa(home.resolve("serving"), selfSigned("CN=intake serving CA", servingCa), servingCa);
        trustedCa = home.resolve("serving/ca.crt");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free loopback port, its files below {@code home}. */
    public static FakeIntake start(Path home) throws IOException {
        return new FakeIntake(home);
    }

    /** Gives approval-service a client certificate and key for {@code cluster}. */
    public FakeIntake withCredentialsFor(String cluster) throws IOException {
        KeyPair key = TestPki.ecKey();
        Path directory = credentials.resolve(cluster);
        TestPki.writeCa(directory, selfSigned("CN=certpipe:approval-service", key), key);
        Files.move(directory.resolve("ca.crt"), directory.resolve("approval-service.crt"));
        Files.move(directory.resolve("ca.key"), directory.resolve("approval-service.key"));
        return this;
    }

    /** Answers {@code path} of {@code cluster} (below its prefix) with {@code status} and {@code body}. */
    public void answer(String cluster, String path, int status, String body) {
        answers.put(clusterPath(cluster, path), new Answer(status, body, Duration.ZERO));
    }

    /** Answers {@code path} of {@code cluster} only after {@link #TIMEOUT} has passed. */
    public void answerLate(String cluster, String path) {
        answers.put(clusterPath(cluster, path), new Answer(200, "{}", TIMEOUT.multipliedBy(4)));
    }

    /** Every call so far, as {@code METHOD /clusters/<cluster>/path}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The configuration that points approval-service here. */
    public ApprovalConfig.Intake config() {
        return new TestIntakeConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), trustedCa,
                credentials, TIMEOUT);
    }

    /** approval-service's client of this API. */
    public IntakeApi api() {
        return new IntakeApi(config(), new ObjectMapper());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.add(exchange.getRequestMethod() + " " + path);
        exchange.getRequestBody().readAllBytes();
        Answer answer = answers.getOrDefault(path, new Answer(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}", Duration.ZERO));
        try {
            Thread.sleep(answer.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String clusterPath(String cluster, String path) {
        return "/clusters/" + cluster + path;
    }

    private static X509CertificateHolder selfSigned(String subject, KeyPair key) {
        return TestPki.caCertificate(key, subject, Instant.now().plus(Duration.ofDays(1)));
    }
}
