package io.certpipe.approval.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.approval.ApprovalConfig;
import io.smallrye.mutiny.Uni;

/**
 * approval-service's calls to each cluster's API ({@code <url>/clusters/<cluster>/...}), as user
 * {@code certpipe:approval-service} with the client certificate ./certpipe issued it in that cluster: one HTTP client
 * per cluster, intake's serving CA as the only trust, {@code certpipe.approval.intake.timeout} on every call.
 *
 * <p>Failures are sorted once, here. An API that cannot be reached, takes too long, or answers 5xx or 429 may answer
 * next time: the call fails with {@link IntakeUnavailableException}, which the consumer retries. Whatever retrying
 * cannot change (no credentials for the cluster, 401, 403, 404, a body that is no JSON) is an
 * {@link IntakeAnswer.Unanswered} that the caller turns into its own safe answer.
 */
@ApplicationScoped
public class IntakeApi {

    private final ApprovalConfig.Intake intake;
    private final ObjectMapper json;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    @Inject
    public IntakeApi(ApprovalConfig config, ObjectMapper json) {
        this(config.intake(), json);
    }

    IntakeApi(ApprovalConfig.Intake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    /** {@code GET} of {@code path} (below the cluster's prefix) in {@code cluster}. */
    public Uni<IntakeAnswer> get(String cluster, String path) {
        return send(cluster, "GET " + path, HttpRequest.newBuilder(uri(cluster, path)).GET());
    }

    /** {@code POST} of the JSON {@code body} to {@code path} (below the cluster's prefix) in {@code cluster}. */
    Uni<IntakeAnswer> post(String cluster, String path, byte[] body) {
        return send(cluster, "POST " + path, HttpRequest.newBuilder(uri(cluster, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Uni<IntakeAnswer> send(String cluster, String call, HttpRequest.Builder request) {
        HttpClient client;
        try {
            client = clientFor(cluster);
        } catch (ClusterCredentials.UnusableException e) {
            return Uni.createFrom().item(new IntakeAnswer.Unanswered(e.getMessage()));
        }
        HttpRequest built = request.timeout(intake.timeout()).header("Accept", "application/json").build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(built, HttpResponse.BodyHandlers.ofString()))
                .onFailure(IOException.class).transform(failure -> new IntakeUnavailableException(cluster, call,
                        failure))
                .map(response -> answer(cluster, call, response));
    }

    /** A cluster without credentials yet is looked at again next time: ./certpipe cluster add may make them. */
    private HttpClient clientFor(String cluster) throws ClusterCredentials.UnusableException {
        HttpClient client = clients.get(cluster);
        if (client == null) {
            HttpClient made = ClusterCredentials.clientFor(intake, cluster);
            client = clients.computeIfAbsent(cluster, name -> made);
        }
        return client;
    }

    private URI uri(String cluster, String path) {
        return URI.create(intake.url().toString().replaceAll("/+$", "") + "/clusters/" + cluster + path);
    }

    private IntakeAnswer answer(String cluster, String call, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new IntakeUnavailableException(cluster, call, status);
        }
        if (status < 200 || status >= 300) {
            return new IntakeAnswer.Unanswered("cluster " + cluster + " answered " + status + " to " + call + ": "
                    + response.body());
        }
        try {
            return new IntakeAnswer.Answered(json.readTree(response.body()));
        } catch (JsonProcessingException e) {
            return new IntakeAnswer.Unanswered("cluster " + cluster + " answered " + call + " with no JSON: "
                    + e.getOriginalMessage());
        }
    }
}
