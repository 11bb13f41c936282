package io.certpipe.approval.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.approval.access.FakeIntake;
import io.certpipe.approval.access.IntakeUnavailableException;
import io.certpipe.common.approval.AccessAnswers;
import io.certpipe.common.approval.ApprovalEngine;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.DecisionData.Verdict;

class ClusterPoliciesTest {

    private static final String CLUSTER = "default";
    private static final Duration REFRESH_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_STALENESS = Duration.ofMinutes(5);
    private static final String SERVING = "example.com/serving";
    /** Permits every request for {@link #SERVING}. */
    private static final String PERMITS_SERVING = "{\"selector\":{\"signerNames\":[\"" + SERVING + "\"]}}";
    /** Denies every request for {@link #SERVING}: none asks for that DNS name. */
    private static final String DENIES_SERVING = "{\"selector\":{\"signerNames\":[\"" + SERVING + "\"]},"
            + "\"constraints\":{\"dnsNames\":{\"allowed\":[\"nobody.example.com\"]}},\"onViolation\":\"Deny\"}";

    private record TestPolicyConfig(Duration refreshInterval, Duration maxStaleness)
            implements ApprovalConfig.Policies {
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TempDir
    Path home;

    private FakeIntake intake;
    private final TestClock clock = new TestClock();
    private ClusterPolicies policies;

    @BeforeEach
    void start() throws IOException {
        intake = FakeIntake.start(home).withCredentialsFor(CLUSTER);
        policies = new ClusterPolicies(intake.api(), new TestPolicyConfig(REFRESH_INTERVAL, MAX_STALENESS), clock);
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    @Test
    void listsAClustersPoliciesTheFirstTimeItIsNeededAndNotForEachDecision() {
        answerList(item("team-servers", "17", PERMITS_SERVING));

        DecisionData first = decide(policies.engineFor(CLUSTER).await().indefinitely());
        DecisionData second = decide(policies.engineFor(CLUSTER).await().indefinitely());

        assertEquals(Verdict.APPROVE, first.verdict());
        assertEquals("team-servers", first.actor().username());
        assertEquals(first, second);
        assertEquals(List.of("GET /clusters/" + CLUSTER + ApprovalPolicyList.PATH), intake.calls());
    }

    @Test
    void picksUpAChangedListWithinTheRefreshInterval() throws InterruptedException {
        answerList(item("team-servers", "17", PERMITS_SERVING));
        policies.engineFor(CLUSTER).await().indefinitely();
        policies.refreshEveryInterval();
        try {
            answerList(item("team-servers", "18", DENIES_SERVING));

            Instant giveUp = Instant.now().plus(REFRESH_INTERVAL.multipliedBy(50));
            while (decide(policies.engineFor(CLUSTER).await().indefinitely()).verdict() != Verdict.DENY) {
                assertTrue(Instant.now().isBefore(giveUp), "the changed policy was not picked up");
                Thread.sleep(REFRESH_INTERVAL.dividedBy(10));
            }
        } finally {
            policies.stopRefreshing();
        }
    }

    @Test
    void keepsDecidingWithTheLastListWhileIntakeIsAwayUpToMaxStaleness() {
        answerList(item("team-servers", "17", PERMITS_SERVING));
        policies.engineFor(CLUSTER).await().indefinitely();
        answerUnavailable();

        clock.advance(MAX_STALENESS);
        policies.refreshKnown().await().indefinitely();
        assertEquals(Verdict.APPROVE, decide(policies.engineFor(CLUSTER).await().indefinitely()).verdict());

        clock.advance(Duration.ofSeconds(1));
        assertThrows(IntakeUnavailableException.class, () -> policies.engineFor(CLUSTER).await().indefinitely());
    }

    @Test
    void decidesAgainOnceIntakeListsThePoliciesAfterTheyWentStale() {
        answerList(item("team-servers", "17", PERMITS_SERVING));
        policies.engineFor(CLUSTER).await().indefinitely();
        answerUnavailable();
        clock.advance(MAX_STALENESS.plusSeconds(1));
        assertThrows(IntakeUnavailableException.class, () -> policies.engineFor(CLUSTER).await().indefinitely());

        answerList(item("team-servers", "18", DENIES_SERVING));

        assertEquals(Verdict.DENY, decide(policies.engineFor(CLUSTER).await().indefinitely()).verdict());
    }

    @Test
    void aClusterWhosePoliciesCannotBeListedYetFailsTheBatchToBeRetried() {
        answerUnavailable();

        assertThrows(IntakeUnavailableException.class, () -> policies.engineFor(CLUSTER).await().indefinitely());
    }

    @Test
    void aClusterThatRefusesTheListHasNoPolicies() {
        intake.answer(CLUSTER, ApprovalPolicyList.PATH, 403, "{\"kind\":\"Status\",\"reason\":\"Forbidden\"}");

        DecisionData decision = decide(policies.engineFor(CLUSTER).await().indefinitely());

        assertEquals(Verdict.DEFER, decision.verdict());
        assertEquals(ApprovalEngine.NO_POLICY_MATCHED, decision.reason());
    }

    @Test
    void aClusterWithoutCredentialsHasNoPolicies() {
        DecisionData decision = decide(policies.engineFor("no-credentials").await().indefinitely());

        assertEquals(ApprovalEngine.NO_POLICY_MATCHED, decision.reason());
        assertEquals(List.of(), intake.calls());
    }

    @Test
    void aListThatIsNoApprovalPolicyListMeansNoPolicies() {
        intake.answer(CLUSTER, ApprovalPolicyList.PATH, 200, "{\"kind\":\"Status\"}");

        assertEquals(ApprovalEngine.NO_POLICY_MATCHED,
                decide(policies.engineFor(CLUSTER).await().indefinitely()).reason());
    }

    @Test
    void aPolicyWhoseSpecCannotBeReadLeavesWhatItSelectsToAPersonNamingItAndWhy() {
        answerList(item("team-servers", "17", DENIES_SERVING), item("newer-servers", "18", unreadable(SERVING)));

        DecisionData decision = decide(policies.engineFor(CLUSTER).await().indefinitely());

        assertEquals(Verdict.DEFER, decision.verdict());
        assertEquals(ApprovalEngine.POLICY_NOT_EVALUABLE, decision.reason());
        assertTrue(decision.message().contains("Policy newer-servers could not be evaluated")
                && decision.message().contains("constraints.dnsNames.startsWithNode"), decision.message());
    }

    @Test
    void aPolicyWhoseSpecCannotBeReadDoesNotTouchWhatItsSelectorLeavesOut() {
        answerList(item("team-servers", "17", DENIES_SERVING),
                item("newer-clients", "18", unreadable("example.com/client")));

        assertEquals(Verdict.DENY, decide(policies.engineFor(CLUSTER).await().indefinitely()).verdict());
    }

    private void answerList(String... items) {
        intake.answer(CLUSTER, ApprovalPolicyList.PATH, 200, "{\"kind\":\"ApprovalPolicyList\",\"apiVersion\":"
                + "\"certpipe.io/v1\",\"metadata\":{\"resourceVersion\":\"123\"},\"items\":["
                + Arrays.stream(items).collect(Collectors.joining(",")) + "]}");
    }

    private void answerUnavailable() {
        intake.answer(CLUSTER, ApprovalPolicyList.PATH, 503, "{\"kind\":\"Status\",\"reason\":\"ServiceUnavailable\"}");
    }

    /** A spec that selects requests for {@code signerName} and has a field approval-service does not know. */
    private static String unreadable(String signerName) {
        return "{\"selector\":{\"signerNames\":[\"" + signerName + "\"]},"
                + "\"constraints\":{\"dnsNames\":{\"startsWithNode\":true}}}";
    }

    private static String item(String name, String resourceVersion, String spec) {
        return "{\"apiVersion\":\"certpipe.io/v1\",\"kind\":\"ApprovalPolicy\",\"metadata\":{\"name\":\"" + name
                + "\",\"uid\":\"uid-" + name + "\",\"resourceVersion\":\"" + resourceVersion
                + "\",\"creationTimestamp\":\"2026-12-01T09:00:00Z\"},\"spec\":" + spec + "}";
    }

    /** The engine's decision on a request for {@link #SERVING} of {@code web.example.com}. */
    private static DecisionData decide(ApprovalEngine engine) {
        String pem = TestPki.csr("CN=web.example.com").dns("web.example.com").pem();
        CsrSnapshot csr = new CsrSnapshot(CLUSTER, "web", "uid-web", 1, Instant.parse("2026-12-01T10:00:00Z"),
                SERVING, pem, List.of("digital signature", "server auth"), null, "alice", "uid-alice",
                List.of("system:authenticated"), Map.of(), List.of(), null);
        return engine.decide(csr, AccessAnswers.NONE).decision();
    }
}
