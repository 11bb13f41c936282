package io.certpipe.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.certpipe.console.intake.IntakeStatus;

class ProblemTest {

    @Test
    void aRefusalIsANotAllowedPageWithIntakesReason() {
        String reason = "User \"oidc:requester\" cannot approve CertificateSigningRequest \"x\": they requested it, "
                + "and signer example.com/privileged-client needs it approved by someone else";

        Problem problem = Problem.of(new IntakeStatus(403, "Forbidden", reason));

        assertEquals(403, problem.httpStatus());
        assertEquals("Not allowed", problem.title());
        assertEquals(reason, problem.detail());
        assertEquals("Forbidden", problem.reason());
        assertFalse(problem.signInAgain());
    }

    @Test
    void aRejectedSignInAsksToSignInAgain() {
        Problem problem = Problem.of(new IntakeStatus(401, "Unauthorized", "token expired"));

        assertEquals(401, problem.httpStatus());
        assertTrue(problem.signInAgain());
    }

    @Test
    void keepsTheCodesAPersonCanActOnAndReportsIntakesFailuresAsABadGateway() {
        assertEquals(404, Problem.of(new IntakeStatus(404, "NotFound", "")).httpStatus());
        assertEquals(409, Problem.of(new IntakeStatus(409, "Conflict", "")).httpStatus());
        assertEquals(422, Problem.of(new IntakeStatus(422, "Invalid", "")).httpStatus());
        assertEquals(502, Problem.of(new IntakeStatus(500, "InternalError", "")).httpStatus());
        assertEquals(502, Problem.of(new IntakeStatus(503, "ServiceUnavailable", "")).httpStatus());
        assertEquals(502, Problem.of(IntakeStatus.unreachable("no answer")).httpStatus());
        assertEquals("certpipe's API is unavailable", Problem.of(IntakeStatus.unreachable("x")).title());
    }
}
