package io.certpipe.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;

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
 * Raw HTTPS calls to the CSR collection, for what kubectl will not send (malformed bodies) or cannot show precisely
 * (the {@code Status} code and reason). Trusts the stack's serving CA only; presents a client certificate or none.
 */
final class ApiClient {

    /** The CSR collection, under the API root of a cluster. */
    static final String CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    record Response(int code, JsonNode body) {

        String reason() {
            return body.path("reason").asText();
        }
    }

    private final HttpClient http;
    /** The {@code Authorization} header of every call, or null: a client certificate or nothing authenticates. */
    private final String authorization;
    /** The cluster's API root this client calls. */
    private final String apiServer;

    private ApiClient(SSLContext tls, String authorization) {
        this(HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build(), authorization, Stack.apiServer());
    }

    private ApiClient(HttpClient http, String authorization, String apiServer) {
        this.http = http;
        this.authorization = authorization;
        this.apiServer = apiServer;
    }

    /** Authenticated by the client certificate {@code certificate} with key {@code key} (PEM files). */
    static ApiClient withClientCertificate(Path certificate, Path key) {
        return new ApiClient(tls(certificate, key), null);
    }

    static ApiClient admin() {
        return withClientCertificate(Stack.adminCertificate(), Stack.adminKey());
    }

    /** Presents no client certificate at all. */
    static ApiClient anonymous() {
        return new ApiClient(tls(null, null), null);
    }

    /** No client certificate; {@code token} as {@code Authorization: Bearer}, as kubectl's OIDC user sends it. */
    static ApiClient withBearerToken(String token) {
        return new ApiClient(tls(null, null), "Bearer " + token);
    }

    /** The same identity, calling intake's instance {@code instance} ({@code ./certpipe scale}) instead. */
    ApiClient onIntakeInstance(int instance) {
        return new ApiClient(http, authorization, Stack.apiServer(instance));
    }

    Response create(String body) {
        return send(HttpRequest.newBuilder(URI.create(apiServer + CSRS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String name) {
        return send(HttpRequest.newBuilder(URI.create(apiServer + CSRS + "/" + name)).GET());
    }

    /** {@code PUT .../approval} with the whole object as JSON, as a client that speaks no protobuf sends it. */
    Response updateApproval(String name, String body) {
        return send(HttpRequest.newBuilder(URI.create(apiServer + CSRS + "/" + name + "/approval"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response delete(String name) {
        return send(HttpRequest.newBuilder(URI.create(apiServer + CSRS + "/" + name)).DELETE());
    }

    /**
     * {@code method} on the CSR collection followed by {@code path} (a name, a subresource, a query), with {@code body}
     * as JSON (a merge patch for PATCH), or none when it is null.
     */
    Response callCsrs(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiServer + CSRS + path));
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        String contentType = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        return send(request.header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Any call: {@code method} on {@code path} under the cluster's API root, {@code body} (none when null) sent as
     * {@code contentType}, the answer as text, for bodies and parameters no client would send.
     */
    TextResponse call(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(apiServer + path)))
                .timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TextResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET} of {@code path} under the cluster's API root, its body as text (PEM bundles). */
    TextResponse getText(String path) {
        return call("GET", path, null, null);
    }

    record TextResponse(int code, String body) {
    }

    /** A WebSocket with this client's TLS identity, as the fabric8 Kubernetes client opens its watches. */
    WebSocket.Builder newWebSocketBuilder() {
        return http.newWebSocketBuilder();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(authorized(request).header("Accept", "application/json")
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("HTTPS call to the API failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext tls(Path certificate, Path key) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("serving-ca", readCertificate(Stack.servingCa()));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);

            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            if (certificate != null) {
                identity.setKeyEntry("client", readPrivateKey(key), IN_MEMORY_PASSWORD,
                        new Certificate[] {readCertificate(certificate)});
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(identity, IN_MEMORY_PASSWORD);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context from " + certificate, e);
        }
    }

    private static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
    }

    /** A PKCS#8 ({@code PRIVATE KEY}) or SEC1/PKCS#1 ({@code EC/RSA PRIVATE KEY}) PEM key. */
    private static PrivateKey readPrivateKey(Path pem) throws IOException {
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
