import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * certpipe's end-to-end issuance benchmark, launched by {@code bench/run} as a single-file program:
 * {@code java -cp <e2e-tests' test classpath> IssuanceBenchmark.java CERTPIPE_HOME HTTPS_PORT COUNT}.
 *
 * <p>Creates COUNT CertificateSigningRequests through the real HTTPS API (client certificate {@code pki/admin.*}),
 * approves each with {@code PUT .../approval} as {@code kubectl certificate approve} does, and times until each
 * carries {@code status.certificate}. Issuance is seen on a watch (exact times) and confirmed by listing (the
 * authority; every 200 ms while the watch is down). Every call is bounded in time, so the program always ends.
 * Exit status 0 when every request was issued.
 */
public final class IssuanceBenchmark {

    static final String COLLECTION = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    static final String SIGNER = "kubernetes.io/kube-apiserver-client";
    /** Labels this run's requests, so that listing and watching see nothing else. */
    static final String RUN_LABEL = "certpipe.io/benchmark";
    static final int IN_FLIGHT = 16;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long issuance may take after the last approval: a base plus a little per request. */
    static final Duration SETTLE_BASE = Duration.ofSeconds(60);
    static final Duration SETTLE_PER_REQUEST = Duration.ofMillis(50);
    static final Duration LIST_INTERVAL_WATCHING = Duration.ofSeconds(1);
    static final Duration LIST_INTERVAL_BLIND = Duration.ofMillis(200);
    static final int CONFLICT_RETRIES = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: IssuanceBenchmark CERTPIPE_HOME HTTPS_PORT COUNT");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Api api = new Api(Tls.context(home.resolve("pki")),
                "https://127.0.0.1:" + port + "/clusters/default" + COLLECTION,
                RUN_LABEL + "=" + run);
        System.exit(new IssuanceBenchmark(api).run(Requests.plan(count, run)) ? 0 : 1);
    }

    private final Api api;
    private final Progress progress = new Progress();
    private final AtomicBoolean watching = new AtomicBoolean();

    IssuanceBenchmark(Api api) {
        this.api = api;
    }

    /** The whole benchmark; true when every request was issued. */
    boolean run(List<Requests.Planned> planned) throws InterruptedException {
        long listed = api.list().join().path("metadata").path("resourceVersion").asLong();
        watchFrom(listed);

        Map<String, JsonNode> created = new ConcurrentHashMap<>();
        long createStart = System.nanoTime();
        Phase create = Phase.run(planned, request -> api.create(request.body()).thenAccept(response -> {
            created.put(request.name(), Api.expect(201, "create " + request.name(), response));
        }));

        long approveStart = System.nanoTime();
        Phase approve = Phase.run(List.copyOf(created.entrySet()), entry -> {
            progress.approvalSent(entry.getKey(), System.nanoTime());
            return approve(entry.getKey(), entry.getValue(), CONFLICT_RETRIES);
        });
        List<String> approved = progress.approved();

        Duration settling = SETTLE_BASE.plus(SETTLE_PER_REQUEST.multipliedBy(approved.size()));
        long settleBy = System.nanoTime() + settling.toNanos();
        while (!progress.settled(approved) && System.nanoTime() < settleBy) {
            Thread.sleep((watching.get() ? LIST_INTERVAL_WATCHING : LIST_INTERVAL_BLIND).toMillis());
            try {
                JsonNode list = api.list().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                long seen = System.nanoTime();
                list.path("items").forEach(csr -> progress.observe(csr, seen));
            } catch (Exception e) {
                System.err.println("  list failed (will retry): " + rootMessage(e));
            }
        }
        api.stopWatching();
        return new Report(planned.size(), create, approve, createStart, approveStart, progress, approved)
                .print(System.out);
    }

    /** Starts the watch that timestamps issuance; the benchmark still completes by listing if it fails. */
    private void watchFrom(long resourceVersion) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        api.watch(resourceVersion, event -> {
            opened.complete(null);
            progress.observe(event.path("object"), System.nanoTime());
        }, () -> {
            watching.set(true);
            opened.complete(null);
        }).whenComplete((ignored, failure) -> {
            watching.set(false);
            opened.complete(null);
            if (failure != null && !api.stopped()) {
                System.err.println("  watch ended: " + rootMessage(failure) + " (falling back to listing)");
            }
        });
        try {
            opened.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            System.err.println("  watch did not open: " + rootMessage(e) + " (listing instead)");
        }
    }

    /**
     * {@code kubectl certificate approve}: the object as last seen with an Approved condition added. A 409 means
     * someone changed it meanwhile (approval-service's decision, say): read it again and retry, a few times.
     */
    private CompletableFuture<Void> approve(String name, JsonNode current, int retriesLeft) {
        return api.approve(name, Requests.withApproval(current)).thenCompose(response -> {
            if (response.statusCode() == 409 && retriesLeft > 0) {
                progress.conflict();
                return api.get(name).thenCompose(fresh -> approve(name,
                        Api.expect(200, "get " + name, fresh), retriesLeft - 1));
            }
            Api.expect(200, "approve " + name, response);
            progress.approved(name);
            return CompletableFuture.completedFuture(null);
        });
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /**
     * One batch of calls, at most {@link #IN_FLIGHT} at a time: how long it took, each successful call's latency
     * (sorted), and what failed.
     */
    record Phase(int attempted, int failed, String firstFailure, long nanos, List<Long> latencies) {

        static <T> Phase run(List<T> items, Function<T, CompletableFuture<?>> call) {
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
                latencies.sort(null);
                return new Phase(items.size(), failures.size(), failures.isEmpty() ? null : failures.get(0), nanos,
                        List.copyOf(latencies));
            }
        }

        int succeeded() {
            return attempted - failed;
        }

        double perSecond() {
            return nanos == 0 ? 0 : succeeded() / (nanos / 1e9);
        }
    }

    /** What happened to each request, with the times it was seen; fed concurrently by calls, watch and lists. */
    static final class Progress {

        private final Map<String, Long> approvalSent = new ConcurrentHashMap<>();
        private final Map<String, Boolean> approved = new ConcurrentHashMap<>();
        private final Map<String, Long> issued = new ConcurrentHashMap<>();
        private final Map<String, String> failed = new ConcurrentHashMap<>();
        private final AtomicInteger conflicts = new AtomicInteger();

        void approvalSent(String name, long when) {
            approvalSent.put(name, when);
        }

        void approved(String name) {
            approved.put(name, true);
        }

        void conflict() {
            conflicts.incrementAndGet();
        }

        List<String> approved() {
            return List.copyOf(approved.keySet());
        }

        /** Notes a certificate, or a terminal condition (Failed, Denied), the first time one is seen. */
        void observe(JsonNode csr, long when) {
            String name = csr.path("metadata").path("name").asText();
            if (name.isEmpty()) {
                return;
            }
            if (!csr.path("status").path("certificate").asText().isEmpty()) {
                issued.putIfAbsent(name, when);
                return;
            }
            for (JsonNode condition : csr.path("status").path("conditions")) {
                String type = condition.path("type").asText();
                if (type.equals("Failed") || type.equals("Denied")) {
                    failed.putIfAbsent(name, type + " " + condition.path("reason").asText() + ": "
                            + condition.path("message").asText());
                }
            }
        }

        boolean settled(List<String> names) {
            return names.stream().allMatch(name -> issued.containsKey(name) || failed.containsKey(name));
        }

        Map<String, Long> issued() {
            return issued;
        }

        Map<String, String> failed() {
            return failed;
        }

        Long approvalSentAt(String name) {
            return approvalSent.get(name);
        }

        int conflicts() {
            return conflicts.get();
        }
    }

    /** The figures bench/run shows. */
    record Report(int planned, Phase create, Phase approve, long createStart, long approveStart, Progress progress,
            List<String> approved) {

        boolean print(PrintStream out) {
            List<Long> latencies = new ArrayList<>();
            long lastIssued = createStart;
            int issuedCount = 0;
            for (String name : approved) {
                Long issuedAt = progress.issued().get(name);
                if (issuedAt != null) {
                    issuedCount++;
                    lastIssued = Math.max(lastIssued, issuedAt);
                    latencies.add(issuedAt - progress.approvalSentAt(name));
                }
            }
            latencies.sort(null);
            out.printf("issuance: %d requests for %s, %d in flight, HTTPS with the admin client certificate%n",
                    planned, SIGNER, IN_FLIGHT);
            out.printf("  create    %5d ok in %7.2f s  %8.1f /s   call latency %s%s%n", create.succeeded(),
                    seconds(create.nanos()), create.perSecond(), spread(create.latencies()), failures(create));
            out.printf("  approve   %5d ok in %7.2f s  %8.1f /s   call latency %s%s%s%n", approve.succeeded(),
                    seconds(approve.nanos()), approve.perSecond(), spread(approve.latencies()), failures(approve),
                    progress.conflicts() == 0 ? "" : "  (" + progress.conflicts() + " conflicts retried)");
            if (issuedCount == 0) {
                out.printf("  issued        0 of %d approved%n", approved.size());
            } else {
                double pipeline = seconds(lastIssued - createStart);
                double afterApprovals = seconds(lastIssued - approveStart);
                out.printf("  issued    %5d of %d approved; last certificate %.2f s after the first create%n",
                        issuedCount, approved.size(), pipeline);
                out.printf("  pipeline  %8.1f /s create->issued (first create sent to last certificate seen)%n",
                        issuedCount / pipeline);
                out.printf("  issuing   %8.1f /s approve->issued (first approval sent to last certificate seen)%n",
                        issuedCount / afterApprovals);
                out.printf("  approve->issued latency %s (approval PUT sent to certificate seen)%n",
                        spread(latencies));
            }
            int unsettled = approved.size() - issuedCount - (int) approved.stream()
                    .filter(name -> progress.failed().containsKey(name) && !progress.issued().containsKey(name))
                    .count();
            progress.failed().entrySet().stream().limit(3).forEach(entry -> out.printf("  not issued: %s: %s%n",
                    entry.getKey(), entry.getValue()));
            if (!progress.failed().isEmpty()) {
                out.printf("  %d requests ended Failed or Denied%n", progress.failed().size());
            }
            if (unsettled > 0) {
                out.printf("  %d approved requests still had no certificate when the wait ended%n", unsettled);
            }
            return create.failed() == 0 && approve.failed() == 0 && issuedCount == planned;
        }

        private static String failures(Phase phase) {
            return phase.failed() == 0 ? "" : "  " + phase.failed() + " FAILED, first: " + phase.firstFailure();
        }

        /** p50, p95 and max of sorted nanosecond latencies, in milliseconds. */
        private static String spread(List<Long> sorted) {
            if (sorted.isEmpty()) {
                return "-";
            }
            return "p50 " + millis(percentile(sorted, 50)) + " ms, p95 " + millis(percentile(sorted, 95))
                    + " ms, max " + millis(sorted.get(sorted.size() - 1)) + " ms";
        }

        private static long percentile(List<Long> sorted, int percent) {
            int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }

        private static double seconds(long nanos) {
            return nanos / 1e9;
        }

        private static long millis(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }

    /** The request bodies: one fresh EC P-256 key and PKCS#10 per request, made before any timing starts. */
    static final class Requests {

        record Planned(String name, String body) {
        }

        static List<Planned> plan(int count, String run) throws Exception {
            KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
            keys.initialize(new ECGenParameterSpec("secp256r1"));
            Base64.Encoder pem = Base64.getMimeEncoder(64, new byte[] {'\n'});
            List<Planned> planned = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = "bench-" + run + "-" + i;
                KeyPair pair = keys.generateKeyPair();
                byte[] der = new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("CN=" + name + ",O=certpipe-bench"), pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                        .getEncoded();
                String request = "-----BEGIN CERTIFICATE REQUEST-----\n" + pem.encodeToString(der)
                        + "\n-----END CERTIFICATE REQUEST-----\n";
                ObjectNode csr = JSON.createObjectNode()
                        .put("apiVersion", "certificates.k8s.io/v1")
                        .put("kind", "CertificateSigningRequest");
                csr.putObject("metadata").put("name", name).putObject("labels").put(RUN_LABEL, run);
                ObjectNode spec = csr.putObject("spec")
                        .put("request", Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.US_ASCII)))
                        .put("signerName", SIGNER)
                        .put("expirationSeconds", 86400);
                spec.putArray("usages").add("digital signature").add("client auth");
                planned.add(new Planned(name, csr.toString()));
            }
            return planned;
        }

        /** The object with the condition {@code kubectl certificate approve} adds. */
        static String withApproval(JsonNode current) {
            ObjectNode csr = (ObjectNode) current.deepCopy();
            csr.withObjectProperty("status").withArrayProperty("conditions").addObject()
                    .put("type", "Approved")
                    .put("status", "True")
                    .put("reason", "Benchmark")
                    .put("message", "approved by bench");
            return csr.toString();
        }
    }

    /** The CSR collection over HTTPS/1.1 with keep-alive, as the admin. */
    static final class Api {

        private final HttpClient http;
        private final String collection;
        private final String selector;
        private final ExecutorService watchReader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("watch-reader").factory());
        private volatile Stream<String> watchLines;
        private volatile boolean stopped;

        Api(SSLContext tls, String collection, String labelSelector) {
            this.http = HttpClient.newBuilder()
                    .sslContext(tls)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(REQUEST_TIMEOUT)
                    .build();
            this.collection = collection;
            this.selector = "labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
        }

        CompletableFuture<HttpResponse<String>> create(String body) {
            return send(request(collection + "?fieldManager=kubectl-create&fieldValidation=Strict")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        CompletableFuture<HttpResponse<String>> get(String name) {
            return send(request(collection + "/" + name).GET());
        }

        CompletableFuture<HttpResponse<String>> approve(String name, String body) {
            return send(request(collection + "/" + name + "/approval")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
        }

        CompletableFuture<JsonNode> list() {
            return send(request(collection + "?" + selector).GET())
                    .thenApply(response -> expect(200, "list", response));
        }

        /**
         * Streams watch events after {@code resourceVersion} to {@code onEvent} until {@link #stopWatching()} or the
         * server ends it; {@code onOpen} runs once the server accepted the watch.
         */
        CompletableFuture<Void> watch(long resourceVersion, Consumer<JsonNode> onEvent,
                Runnable onOpen) {
            HttpRequest watch = HttpRequest.newBuilder(URI.create(collection + "?watch=true&resourceVersion="
                            + resourceVersion + "&timeoutSeconds=3600&" + selector))
                    .header("Accept", "application/json")
                    .timeout(REQUEST_TIMEOUT)
                    .GET()
                    .build();
            return http.sendAsync(watch, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(response -> {
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IllegalStateException("watch answered " + response.statusCode());
                }
                watchLines = response.body();
                onOpen.run();
                try (var lines = response.body()) {
                    lines.filter(line -> !line.isBlank()).forEach(line -> {
                        try {
                            onEvent.accept(JSON.readTree(line));
                        } catch (IOException e) {
                            throw new IllegalStateException("unreadable watch event: " + line, e);
                        }
                    });
                }
            }, watchReader);
        }

        void stopWatching() {
            stopped = true;
            var lines = watchLines;
            if (lines != null) {
                lines.close();
            }
            watchReader.shutdownNow();
        }

        boolean stopped() {
            return stopped;
        }

        private static HttpRequest.Builder request(String uri) {
            return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json")
                    .timeout(REQUEST_TIMEOUT);
        }

        private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The body as JSON when the status is {@code code}; otherwise fails with the server's message. */
        static JsonNode expect(int code, String what, HttpResponse<String> response) {
            JsonNode body;
            try {
                body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(what + ": HTTP " + response.statusCode() + ", not JSON: "
                        + response.body());
            }
            if (response.statusCode() != code) {
                throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " "
                        + body.path("reason").asText() + " " + body.path("message").asText());
            }
            return body;
        }
    }

    /** Trusts the stack's serving CA only and presents the bootstrap admin's client certificate. */
    static final class Tls {

        private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

        static SSLContext context(Path pki) throws GeneralSecurityException, IOException {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("serving-ca", certificate(pki.resolve("serving-ca.crt")));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);

            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("admin", privateKey(pki.resolve("admin.key")), IN_MEMORY_PASSWORD,
                    new Certificate[] {certificate(pki.resolve("admin.crt"))});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(identity, IN_MEMORY_PASSWORD);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        }

        private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
            try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
                return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
            }
        }

        /** PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). */
        private static PrivateKey privateKey(Path pem) throws IOException {
            try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
                Object parsed = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (parsed instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                return converter.getPrivateKey((PrivateKeyInfo) parsed);
            }
        }
    }
}
