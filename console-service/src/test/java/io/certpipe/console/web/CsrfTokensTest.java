package io.certpipe.console.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private final CsrfTokens tokens = new CsrfTokens();

    @Test
    void acceptsTheTokenOfTheSessionTheFormWasRenderedFor() {
        assertTrue(tokens.verify("session-a", tokens.issue("session-a")));
    }

    @Test
    void refusesTheTokenOfAnotherSession() {
        assertFalse(tokens.verify("session-b", tokens.issue("session-a")));
    }

    @Test
    void refusesAMissingEmptyOrAlteredToken() {
        String token = tokens.issue("session-a");
        String altered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        assertFalse(tokens.verify("session-a", null));
        assertFalse(tokens.verify("session-a", ""));
        assertFalse(tokens.verify("session-a", altered));
    }

    @Test
    void refusesATokenAnotherConsoleIssuedSinceEachKeepsItsOwnKey() {
        assertFalse(tokens.verify("session-a", new CsrfTokens().issue("session-a")));
    }
}
