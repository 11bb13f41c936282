package io.certpipe.approval.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.approval.AccessAnswers;
import io.certpipe.common.approval.AccessCheck;

class SubjectAccessReviewsTest {

    private static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
    private static final AccessCheck SELF_NODE_CLIENT = new AccessCheck("default", "system:node:n1",
            List.of("system:nodes"), Map.of(), "create", "certificates.k8s.io", "certificatesigningrequests",
            "selfnodeclient");

    @TempDir
    Path home;

    private FakeIntake intake;
    private SubjectAccessReviews reviews;

    @BeforeEach
    void start() throws IOException {
        intake = FakeIntake.start(home).withCredentialsFor("default");
        reviews = new SubjectAccessReviews(intake.api(), new ObjectMapper());
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    @Test
    void readsTheClustersAnswerFromStatusAllowed() {
        intake.answer("default", PATH, 201, "{\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true}}");

        assertEquals(Optional.of(true), answer().allows(SELF_NODE_CLIENT));
        assertEquals(List.of("POST /clusters/default" + PATH), intake.calls());
    }

    @Test
    void aRefusedReviewLeavesTheQuestionUnanswered() {
        intake.answer("default", PATH, 403, "{\"kind\":\"Status\",\"reason\":\"Forbidden\"}");

        assertEquals(Optional.empty(), answer().allows(SELF_NODE_CLIENT));
    }

    @Test
    void aClusterThatCannotAnswerNowFailsTheBatchToBeRetried() {
        intake.answer("default", PATH, 503, "{\"kind\":\"Status\"}");

        assertThrows(IntakeUnavailableException.class, this::answer);
    }

    private AccessAnswers answer() {
        return reviews.answer(Set.of(SELF_NODE_CLIENT)).await().indefinitely();
    }
}
