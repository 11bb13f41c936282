package io.certpipe.console.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class IntakeStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheReasonAndMessageOfAKubernetesStatus() {
        String body = """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"Forbidden",
                 "message":"certificatesigningrequests \\"x\\" is forbidden: User \\"oidc:bob\\" cannot get",
                 "details":{"name":"x","kind":"certificatesigningrequests"},"code":403}""";

        IntakeStatus status = IntakeStatus.of(403, body, JSON);

        assertEquals(new IntakeStatus(403, "Forbidden",
                "certificatesigningrequests \"x\" is forbidden: User \"oidc:bob\" cannot get"), status);
    }

    @Test
    void keepsOnlyTheCodeOfABodyThatIsNoStatus() {
        assertEquals(new IntakeStatus(502, "", "intake answered HTTP 502"),
                IntakeStatus.of(502, "<html>Bad Gateway</html>", JSON));
        assertEquals(new IntakeStatus(500, "", "intake answered HTTP 500"), IntakeStatus.of(500, null, JSON));
    }
}
