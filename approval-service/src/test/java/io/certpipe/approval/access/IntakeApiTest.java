package io.certpipe.approval.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.certpipe.common.consumer.TransientFailures;

class IntakeApiTest {

    private static final String CLUSTER = "team-a";
    private static final String PATH = "/apis/example.com/v1/things";

    @TempDir
    Path home;

    private FakeIntake intake;

    @BeforeEach
    void start() throws IOException {
        intake = FakeIntake.start(home).withCredentialsFor(CLUSTER);
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    @Test
    void answersWithTheJsonOfASuccessfulCallBelowTheClustersPrefix() {
        intake.answer(CLUSTER, PATH, 200, "{\"kind\":\"ThingList\"}");

        IntakeAnswer answer = get();

        assertEquals("ThingList", assertInstanceOf(IntakeAnswer.Answered.class, answer).body().path("kind").asText());
        assertEquals(List.of("GET /clusters/team-a" + PATH), intake.calls());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429})
    void aServerErrorOrTooManyRequestsFailsTheCallToBeRetried(int status) {
        intake.answer(CLUSTER, PATH, status, "{\"kind\":\"Status\"}");

        IntakeUnavailableException unavailable = assertThrows(IntakeUnavailableException.class, this::get);

        assertTrue(TransientFailures.isTransient(unavailable));
        assertTrue(unavailable.getMessage().contains(String.valueOf(status)), unavailable.getMessage());
    }

    @Test
    void anApiSlowerThanTheTimeoutFailsTheCallToBeRetried() {
        intake.answerLate(CLUSTER, PATH);

        assertThrows(IntakeUnavailableException.class, this::get);
    }

    @Test
    void anUnreachableApiFailsTheCallToBeRetried() {
        IntakeApi api = intake.api();
        intake.close();

        assertThrows(IntakeUnavailableException.class,
                () -> api.get(CLUSTER, PATH).await().atMost(FakeIntake.TIMEOUT.multipliedBy(10)));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void aRefusalIsAnAnswerRetryingCannotChange(int status) {
        intake.answer(CLUSTER, PATH, status, "{\"kind\":\"Status\",\"reason\":\"Refused\"}");

        IntakeAnswer answer = get();

        String reason = assertInstanceOf(IntakeAnswer.Unanswered.class, answer).reason();
        assertTrue(reason.contains("answered " + status + " to GET " + PATH) && reason.contains("Refused"), reason);
    }

    @Test
    void aBodyThatIsNoJsonIsLeftUnanswered() {
        intake.answer(CLUSTER, PATH, 200, "<html>a proxy's page</html>");

        assertInstanceOf(IntakeAnswer.Unanswered.class, get());
    }

    @Test
    void aClusterWithoutCredentialsIsLeftUnansweredNamingTheFiles() {
        IntakeAnswer answer = intake.api().get("team-b", PATH).await().indefinitely();

        String reason = assertInstanceOf(IntakeAnswer.Unanswered.class, answer).reason();
        assertTrue(reason.contains(home.resolve("clusters/team-b/approval-service.crt").toString()), reason);
        assertEquals(List.of(), intake.calls());
    }

    @Test
    void credentialsMadeAfterAnUnansweredCallAreUsedByTheNext() throws IOException {
        IntakeApi api = intake.api();
        intake.answer("team-b", PATH, 200, "{}");
        assertInstanceOf(IntakeAnswer.Unanswered.class, api.get("team-b", PATH).await().indefinitely());

        intake.withCredentialsFor("team-b");

        assertInstanceOf(IntakeAnswer.Answered.class, api.get("team-b", PATH).await().indefinitely());
    }

    private IntakeAnswer get() {
        return intake.api().get(CLUSTER, PATH).await().indefinitely();
    }
}
