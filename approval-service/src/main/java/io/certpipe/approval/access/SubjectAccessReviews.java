package io.certpipe.approval.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.approval.AccessAnswers;
import io.certpipe.common.approval.AccessCheck;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Answers the access questions of the approval policies by asking each cluster's API, as Kubernetes' kubelet client
 * approver asks kube-apiserver: one {@code SubjectAccessReview} per question, through {@link IntakeApi}.
 *
 * <p>An API that cannot answer now fails the batch, which is retried. An answer that can never change by retrying (no
 * certificate for the cluster, 401, 403, a malformed reply) leaves the question unanswered, so the policy that asked
 * it leaves the request to a person and says why.
 */
@ApplicationScoped
public class SubjectAccessReviews {

    private static final Logger LOG = Logger.getLogger(SubjectAccessReviews.class);
    private static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

    private final IntakeApi intake;
    private final ObjectMapper json;

    public SubjectAccessReviews(IntakeApi intake, ObjectMapper json) {
        this.intake = intake;
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
        return intake.post(check.cluster(), PATH, body(check)).map(answer -> switch (answer) {
            case IntakeAnswer.Answered answered -> allowed(answered.body());
            case IntakeAnswer.Unanswered unanswered -> {
                LOG.warnf("no answer whether %s may %s in cluster %s; its policies leave the request to a person: "
                        + "%s", check.user(), check.action(), check.cluster(), unanswered.reason());
                yield Optional.empty();
            }
        });
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

    /** {@code status.allowed}; a review without it answers nothing. */
    private static Optional<Boolean> allowed(JsonNode review) {
        JsonNode allowed = review.path("status").path("allowed");
        return allowed.isBoolean() ? Optional.of(allowed.booleanValue()) : Optional.empty();
    }
}
