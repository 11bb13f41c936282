package io.certpipe.console.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class WarningHeadersTest {

    @Test
    void readsTheTextKubectlPrintsAfterWarning() {
        assertEquals(List.of("1 of 2 approvals recorded (oidc:approver); break-glass stays pending until 1 more "
                + "approve"), WarningHeaders.texts(List.of("299 - \"1 of 2 approvals recorded (oidc:approver); "
                        + "break-glass stays pending until 1 more approve\"")));
    }

    @Test
    void undoesTheEscapesOfQuotesAndBackslashes() {
        assertEquals(List.of("signer \"a\\b\" refuses"),
                WarningHeaders.texts(List.of("299 - \"signer \\\"a\\\\b\\\" refuses\"")));
    }

    @Test
    void keepsAValueOfAnotherFormAsItIs() {
        assertEquals(List.of("something else"), WarningHeaders.texts(List.of(" something else ")));
    }
}
