package io.certpipe.console.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.console.pki.TestPki;

class DecisionTest {

    @Test
    void readsAnApprovalWithItsReasonAndMessage() {
        Decision.Result parsed = Decision.parse("Approved", " VerifiedWithTeam ", " called alice ");

        assertEquals(new Decision(ConditionType.APPROVED, "VerifiedWithTeam", "called alice"), parsed.decision());
    }

    @Test
    void refusesAnythingButApproveOrDeny() {
        assertNull(Decision.parse("Failed", "Reason", "").decision());
        assertNotNull(Decision.parse(null, "Reason", "").problem());
    }

    @Test
    void refusesAReasonThatIsNotOneWord() {
        assertNull(Decision.parse("Denied", "not one word", "").decision());
        assertNull(Decision.parse("Denied", "", "").decision());
        assertNull(Decision.parse("Denied", "A".repeat(Decision.MAX_REASON_LENGTH + 1), "").decision());
        assertNull(Decision.parse("Denied", "Ok", "m".repeat(Decision.MAX_MESSAGE_LENGTH + 1)).decision());
    }

    @Test
    void appendsTheConditionToTheWholeRequestAsKubectlCertificateApproveDoes() {
        var current = TestCsrs.pending("a", TestPki.request(TestPki.ecP256(), "CN=a", null),
                "kubernetes.io/kube-apiserver-client", "oidc:alice", "2026-12-06T05:00:00Z");
        current.withObjectProperty("metadata").putObject("labels").put("team", "a");

        JsonNode sent = Decisions.withDecision(current, new Decision(ConditionType.APPROVED, "VerifiedWithTeam",
                "called alice"));

        assertEquals("42", sent.path("metadata").path("resourceVersion").asText(), "the version read, as a "
                + "precondition");
        assertEquals("a", sent.path("metadata").path("labels").path("team").asText());
        assertEquals(current.path("spec"), sent.path("spec"));
        JsonNode condition = sent.path("status").path("conditions").get(0);
        assertEquals("Approved", condition.path("type").asText());
        assertEquals("True", condition.path("status").asText());
        assertEquals("VerifiedWithTeam", condition.path("reason").asText());
        assertEquals("called alice", condition.path("message").asText());
        assertNotNull(condition.get("lastUpdateTime"));
        assertEquals(0, current.path("status").path("conditions").size(), "the request read is left as it was");
    }
}
