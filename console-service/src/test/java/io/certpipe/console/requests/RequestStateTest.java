package io.certpipe.console.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.certpipe.console.pki.TestPki;

class RequestStateTest {

    private static final String REQUEST = TestPki.request(TestPki.ecP256(), "CN=alice", null);

    @Test
    void aRequestWithoutDecisionIsPendingAndAwaitsOne() {
        RequestState state = TestCsrs.read(pending()).state();

        assertEquals(RequestState.PENDING, state);
        assertTrue(state.awaitsDecision());
    }

    @Test
    void anApprovedRequestAwaitsItsSignatureThenIsIssued() {
        var approved = TestCsrs.withCondition(pending(), "Approved", "ConsoleApprove", "");

        assertEquals(RequestState.APPROVED, TestCsrs.read(approved).state());
        assertEquals(RequestState.ISSUED, TestCsrs.read(TestCsrs.withCertificate(approved, "-----BEGIN "
                + "CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n")).state());
    }

    @Test
    void aDenialOrAFailureIsFinal() {
        assertEquals(RequestState.DENIED, TestCsrs.read(TestCsrs.withCondition(pending(), "Denied", "No", ""))
                .state());
        RequestState failed = TestCsrs.read(TestCsrs.withCondition(TestCsrs.withCondition(pending(), "Approved", "Ok",
                ""), "Failed", "SignerRefused", "server auth is not allowed")).state();
        assertEquals(RequestState.FAILED, failed);
        assertFalse(failed.awaitsDecision());
        assertEquals("state-failed", failed.cssClass());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode pending() {
        return TestCsrs.pending("a", REQUEST, "kubernetes.io/kube-apiserver-client", "oidc:alice",
                "2026-12-06T05:00:00Z");
    }
}
