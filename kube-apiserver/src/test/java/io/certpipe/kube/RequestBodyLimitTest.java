package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 413 a body over the limit gets, a Status over HTTP/1.1 and HTTP/2 alike even for a client still sending, and a
 * body at the limit passing.
 */
class RequestBodyLimitTest {

    private static final int LIMIT = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startAServerBehindTheLimit() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new RequestBodyLimit(() -> new MemorySize(BigInteger.valueOf(LIMIT)), JSON).install(router);
        router.route().handler(BodyHandler.create()).handler(routing -> routing.response()
                .end("read " + routing.body().length()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void oversizeBodyIsAStatusOverHttp1() throws Exception {
        Answer answer = post(HttpVersion.HTTP_1_1, LIMIT + 1);

        assertEquals(413, answer.code());
        assertTooLarge(answer.body());
    }

    @Test
    void oversizeBodyIsAStatusOverHttp2() throws Exception {
        Answer answer = post(HttpVersion.HTTP_2, LIMIT + 1);

        assertEquals(413, answer.code());
        assertTooLarge(answer.body());
    }

    @Test
    void clientThatSendsAMuchLargerBodyBeforeReadingStillGetsTheStatus() throws Exception {
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.actualPort() + "/clusters/default/apis"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4 * 1024 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertTooLarge(response.body());
        }
    }

    @Test
    void bodyAtTheLimitIsRead() throws Exception {
        assertEquals(new Answer(200, "read " + LIMIT), post(HttpVersion.HTTP_1_1, LIMIT));
        assertEquals(new Answer(200, "read " + LIMIT), post(HttpVersion.HTTP_2, LIMIT));
    }

    private record Answer(int code, String body) {
    }

    private Answer post(HttpVersion version, int size) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(version)
                .setHttp2ClearTextUpgrade(false));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(server.actualPort()).setURI("/clusters/default/apis");
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(new byte[size])))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                        body.toString())))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void assertTooLarge(String body) throws Exception {
        JsonNode status = JSON.readTree(body);
        assertEquals("Status", status.path("kind").asText(), body);
        assertEquals("Failure", status.path("status").asText(), body);
        assertEquals("RequestEntityTooLarge", status.path("reason").asText(), body);
        assertEquals(413, status.path("code").asInt(), body);
        assertEquals("Request entity too large: limit is " + LIMIT, status.path("message").asText(), body);
    }
}
