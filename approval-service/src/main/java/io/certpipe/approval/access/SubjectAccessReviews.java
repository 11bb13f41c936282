package io.certpipe.approval.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.common.approval.AccessAnswers;
import io.certpipe.common.approval.AccessCheck;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Answers the access questions of the approval policies by asking each cluster's API, as Kubernetes' kubelet client
 * approver asks kube-apiserver: one {@code SubjectAccessReview} per question, as user
 * {@code certpipe:approval-service} with the client certificate ./certpipe issued it in that cluster.
 *
 * <p>An API that cannot be reached, or answers 5xx or 429, is a failure that can pass: the batch is retried. An
 * answer that can never change by retrying (no certificate for the cluster, 401, 403, a malformed reply) leaves the
 * question unanswered, so the policy that asked it leaves the request to a person and says why.
 */
@ApplicationScoped
public class SubjectAccessReviews {

    private static final Logger LOG = Logger.getLogger(SubjectAccessReviews.class);
    private static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

    private final ApprovalConfig.Intake intake;
    private final ObjectMapper json;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public SubjectAccessReviews(ApprovalConfig config, ObjectMapper json) {
        this.intake = config.intake();
        this.json = json;
    }

    /** The clusters' answers to {@code checks}, asked all at once. */
    public Uni<AccessAnswers> answer(Set<AccessCheck> checks) {
        if (checks.isEmpty()) {
            return Uni.createFrom().item(AccessAnswers.NONE);
        }
        List<AccessCheck> questions = List.copyOf(checks);
        List<Uni<Optional<Boolean>>> asked = questions.stream().map(this::ask).toList();
        return Uni.join().all(asked).andFailFast().map(answers -> {
            Map<AccessCheck, Boolean> answered = new HashMap<>();
            for (int i = 0; i < questions.size(); i++) {
                int index = i;
                answers.get(i).ifPresent(allowed -> answered.put(questions.get(index), allowed));
            }
            return AccessAnswers.of(answered);
        });
    }

    private Uni<Optional<Boolean>> ask(AccessCheck check) {
        // A cluster without credentials yet is looked at again next time: ./certpipe cluster add may make them.
        Optional<HttpClient> client = Optional.ofNullable(clients.get(check.cluster()))
                .or(() -> ClusterCredentials.clientFor(intake, check.cluster())
                        .map(made -> clients.computeIfAbsent(check.cluster(), cluster -> made)));
        if (client.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        HttpRequest request = HttpRequest.newBuilder(reviewsOf(check.cluster()))
                .timeout(intake.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(check)))
                .build();
        return Uni.createFrom().completionStage(() -> client.get().sendAsync(request,
                        HttpResponse.BodyHandlers.ofString()))
                .onFailure(IOException.class).transform(failure -> new IntakeUnavailableException(check.cluster(),
                        failure))
                .map(response -> allowed(check, response));
    }

    private URI reviewsOf(String cluster) {
        return URI.create(intake.url().toString().replaceAll("/+$", "") + "/clusters/" + cluster + PATH);
    }

    private byte[] body(AccessCheck check) {
        Map<String, Object> attributes = Map.of("verb", check.verb(), "group", check.group(), "resource",
                check.resource(), "subresource", check.subresource());
        Map<String, Object> spec = Map.of("user", check.user(), "groups", check.groups(), "extra", check.extra(),
                "resourceAttributes", attributes);
        try {
            return json.writeValueAsBytes(Map.of("apiVersion", "authorization.k8s.io/v1", "kind",
                    "SubjectAccessReview", "spec", spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a SubjectAccessReview", e);
        }
    }

    private Optional<Boolean> allowed(AccessCheck check, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new IntakeUnavailableException(check.cluster(), status);
        }
        if (status != 200 && status != 201) {
            LOG.warnf("cluster %s answered %d to the SubjectAccessReview of whether %s may %s; its policies leave "
                    + "the request to a person: %s", check.cluster(), status, check.user(), check.action(),
                    response.body());
            return Optional.empty();
        }
        try {
            JsonNode allowed = json.readTree(response.body()).path("status").path("allowed");
            return allowed.isBoolean() ? Optional.of(allowed.booleanValue()) : Optional.empty();
        } catch (JsonProcessingException e) {
            LOG.warnf("cluster %s answered a SubjectAccessReview with no JSON: %s", check.cluster(), e.getMessage());
            return Optional.empty();
        }
    }
}
