package io.certpipe.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemPagesTest {

    @Test
    void offersThePageAgainAfterAFailedGet() {
        assertEquals("/clusters/default/requests/a", ProblemPages.retryPath("GET", "/clusters/default/requests/a"));
    }

    @Test
    void offersThePageOfTheFormAfterAFailedPost() {
        assertEquals("/clusters/default/requests/a", ProblemPages.retryPath("POST",
                "/clusters/default/requests/a/decision"));
        assertEquals("/", ProblemPages.retryPath("POST", "/sign-out"));
    }
}
