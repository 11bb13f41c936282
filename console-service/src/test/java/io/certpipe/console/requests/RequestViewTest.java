package io.certpipe.console.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.console.pki.TestPki;

class RequestViewTest {

    /** Two Events as intake serves them for a request of a signer that needs two approvers, newest first. */
    private static final String EVENTS = "/intake/events-of-a-four-eyes-request.json";

    @Test
    void readsTheHistoryOldestFirstAndWhoHasApprovedSoFar() throws Exception {
        JsonNode events = TestCsrs.JSON.readTree(RequestViewTest.class.getResource(EVENTS));
        List<HistoryEntry> history = HistoryEntry.of(events);

        RequestView view = new RequestView("default", TestCsrs.read(TestCsrs.pending("b", TestPki.request(
                TestPki.ecP256(), "CN=b", null), "example.com/privileged-client", "oidc:requester",
                "2026-12-06T06:00:00Z")), "/clusters/default/requests/b", Instant.now(), null, null,
                history, null, new ApprovalRules(2, false), null, null, null);

        assertEquals(List.of("Created", "ApprovalRecorded"), history.stream().map(HistoryEntry::reason).toList());
        assertEquals("intake-service", history.getFirst().from());
        assertEquals(List.of("oidc:approver"), view.approvers());
    }

    @Test
    void readsASignersApprovalRulesWithKubernetesDefaults() throws Exception {
        assertEquals(new ApprovalRules(2, false), ApprovalRules.of(TestCsrs.JSON.readTree(
                "{\"spec\":{\"approval\":{\"approvers\":2,\"requesterMayApprove\":false}}}")));
        assertEquals(new ApprovalRules(1, true), ApprovalRules.of(TestCsrs.JSON.readTree("{\"spec\":{}}")));
    }

    @Test
    void writesARequestedLifetimeAsAPersonReadsIt() {
        assertEquals("1d", RequestView.lifetime(Duration.ofSeconds(86_400)));
        assertEquals("8h", RequestView.lifetime(Duration.ofHours(8)));
        assertEquals("1h 30m", RequestView.lifetime(Duration.ofMinutes(90)));
        assertEquals("10m", RequestView.lifetime(Duration.ofSeconds(600)));
        assertEquals("0s", RequestView.lifetime(Duration.ZERO));
    }
}
