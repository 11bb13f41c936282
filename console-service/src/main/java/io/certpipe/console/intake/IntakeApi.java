package io.certpipe.console.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.console.ConsoleConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Calls to each cluster's API ({@code <url>/clusters/<cluster>/...}) as the signed-in user: every call carries that
 * user's token as {@code Authorization: Bearer}, so intake's authentication, RBAC, tenancy and four-eyes rules
 * decide exactly as for kubectl, and its audit names the user. The console adds no credential of its own. Tokens are
 * handed in per call and never kept, logged or put in a message.
 */
@ApplicationScoped
public class IntakeApi {

    /** What a successful write answered: the object, and the {@code Warning:} texts kubectl would print. */
    public record Written(JsonNode object, List<String> warnings) {
    }

    private final ConsoleConfig.Intake config;
    private final ObjectMapper json;
    private final HttpClient http;

    public IntakeApi(ConsoleConfig config, ObjectMapper json) {
        this.config = config.intake();
        this.json = json;
        this.http = HttpClient.newBuilder()
                .sslContext(TrustedCa.context(this.config.trustedCa()))
                .connectTimeout(this.config.timeout())
                .build();
    }

    /** {@code GET} of {@code path} in {@code cluster}; intake's refusal or absence is an {@link IntakeException}. */
    public JsonNode get(String cluster, String path, String token) {
        HttpResponse<String> response = send(cluster, request(cluster, path, token).GET());
        return body(cluster, path, response);
    }

    /** {@code PUT} of {@code object} to {@code path} in {@code cluster}. */
    public Written put(String cluster, String path, JsonNode object, String token) {
        HttpResponse<String> response = send(cluster, request(cluster, path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(object.toString())));
        return new Written(body(cluster, path, response),
                WarningHeaders.texts(response.headers().allValues(WarningHeaders.NAME)));
    }

    /**
     * A watch ({@code path} asks {@code watch=true}): intake's events one JSON line at a time, as they come, until
     * intake ends the watch or the subscriber cancels (the browser went away), which closes the connection.
     */
    public Multi<String> watch(String cluster, String path, String token) {
        HttpRequest request = request(cluster, path, token).GET().build();
        return Multi.createFrom().emitter(emitter -> {
            LinesToEmitter lines = new LinesToEmitter(emitter);
            CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, answer -> {
                if (answer.statusCode() == 200) {
                    return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
                }
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(
                        StandardCharsets.UTF_8), text -> {
                            emitter.fail(new IntakeException(IntakeStatus.of(answer.statusCode(), text, json)));
                            return null;
                        });
            });
            exchange.whenComplete((done, failure) -> {
                if (emitter.isCancelled()) {
                    return;
                }
                if (failure != null) {
                    emitter.fail(unreachable(cluster, path, failure));
                } else {
                    emitter.complete();
                }
            });
            emitter.onTermination(lines::cancel);
        });
    }

    private HttpRequest.Builder request(String cluster, String path, String token) {
        URI uri = URI.create(config.url().toString().replaceAll("/+$", "") + "/clusters/" + cluster + path);
        return HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(String cluster, HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(cluster, built.uri().getRawPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(cluster, built.uri().getRawPath(), e);
        }
    }

    private JsonNode body(String cluster, String path, HttpResponse<String> response) {
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new IntakeException(IntakeStatus.of(response.statusCode(), response.body(), json));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IntakeException(IntakeStatus.unreachable("cluster " + cluster + " answered " + path
                    + " with no JSON"));
        }
    }

    private static IntakeException unreachable(String cluster, String path, Throwable failure) {
        return new IntakeException(IntakeStatus.unreachable("intake's API did not answer " + path + " in cluster "
                + cluster + " (" + failure.getClass().getSimpleName() + ")"));
    }

    /** Hands each line of a streamed body to a Mutiny emitter; cancelling closes the HTTP exchange. */
    private static final class LinesToEmitter implements Flow.Subscriber<String> {

        private final MultiEmitter<? super String> emitter;
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

        LinesToEmitter(MultiEmitter<? super String> emitter) {
            this.emitter = emitter;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription.set(given);
            given.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.isBlank()) {
                emitter.emit(line);
            }
        }

        /** A stream the browser left ends with an error when it is closed: only the watch's own failure counts. */
        @Override
        public void onError(Throwable failure) {
            if (!emitter.isCancelled()) {
                emitter.fail(failure);
            }
        }

        @Override
        public void onComplete() {
            emitter.complete();
        }

        void cancel() {
            Flow.Subscription given = subscription.getAndSet(null);
            if (given != null) {
                given.cancel();
            }
        }
    }
}
