import java.io.IOException;
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
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * certpipe's CSR collection over HTTPS/1.1 with keep-alive, as the bootstrap admin (client certificate
 * {@code pki/admin.*}), restricted by a label selector to one benchmark phase's requests. Every call is bounded by
 * {@link #CALL_TIMEOUT}.
 */
final class CertpipeApi {

    static final String COLLECTION = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    /** The collection on each intake instance: the first serves the watch and the lists, calls go round them all. */
    private final List<String> collections;
    private final AtomicInteger nextCall = new AtomicInteger();
    private final String selector;
    private final ExecutorService watchReader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("watch-reader").factory());
    private volatile Stream<String> watchLines;
    private volatile boolean stopped;

    /** The API of the stack whose home is {@code home}, served over HTTPS by one intake instance per port. */
    static CertpipeApi of(Path home, List<Integer> ports, String labelSelector)
            throws GeneralSecurityException, IOException {
        return new CertpipeApi(Tls.context(home.resolve("pki")), ports.stream()
                .map(port -> "https://127.0.0.1:" + port + "/clusters/default" + COLLECTION)
                .toList(), labelSelector);
    }

    private CertpipeApi(SSLContext tls, List<String> collections, String labelSelector) {
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT)
                .build();
        this.collections = collections;
        this.selector = "labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    }

    CompletableFuture<HttpResponse<String>> create(String body) {
        return send(request(nextCollection() + "?fieldManager=kubectl-create&fieldValidation=Strict")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    CompletableFuture<HttpResponse<String>> get(String name) {
        return send(request(nextCollection() + "/" + name).GET());
    }

    CompletableFuture<HttpResponse<String>> approve(String name, String body) {
        return send(request(nextCollection() + "/" + name + "/approval")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    CompletableFuture<JsonNode> list() {
        return send(request(collections.getFirst() + "?" + selector).GET())
                .thenApply(response -> expect(200, "list", response));
    }

    /**
     * Streams watch events after {@code resourceVersion} to {@code onEvent} until {@link #stopWatching()} or the
     * server ends it; {@code onOpen} runs once the server accepted the watch.
     */
    CompletableFuture<Void> watch(long resourceVersion, Consumer<JsonNode> onEvent,
            Runnable onOpen) {
        HttpRequest watch = HttpRequest.newBuilder(URI.create(collections.getFirst() + "?watch=true&resourceVersion="
                        + resourceVersion + "&timeoutSeconds=3600&" + selector))
                .header("Accept", "application/json")
                .timeout(CALL_TIMEOUT)
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

    /** The collection on the next intake instance in turn. */
    private String nextCollection() {
        return collections.get(Math.floorMod(nextCall.getAndIncrement(), collections.size()));
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json")
                .timeout(CALL_TIMEOUT);
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

    /** Trusts the stack's serving CA only and presents the bootstrap admin's client certificate. */
    private static final class Tls {

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
