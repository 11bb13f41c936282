package io.certpipe.console.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * State-changing requests need the token of this session's forms. The test profile signs in as user "approver"
 * without a provider, so the session is the user's name ({@code SignedInUser.sessionKey()}).
 */
@QuarkusTest
@TestSecurity(user = "approver")
class CsrfFilterTest {

    private static final String DECISION = "/clusters/default/requests/a/decision";

    @Inject
    CsrfTokens tokens;

    @BeforeAll
    static void oneCluster() throws IOException {
        Path clusters = Path.of("target/test-home/clusters.yaml");
        Files.createDirectories(clusters.getParent());
        Files.writeString(clusters, "clusters:\n- name: default\n");
    }

    @Test
    void refusesADecisionWithoutTheFormToken() {
        given().formParam("decision", "Approved").formParam("reason", "Ok")
                .when().post(DECISION)
                .then().statusCode(403).body(containsString("This form has expired"));
    }

    @Test
    void refusesADecisionWithTheTokenOfAnotherSession() {
        given().formParam("decision", "Approved").formParam("reason", "Ok")
                .formParam(CsrfTokens.FIELD, tokens.issue("someone-else"))
                .when().post(DECISION)
                .then().statusCode(403).body(containsString("This form has expired"));
    }

    @Test
    void refusesASignOutWithoutTheFormToken() {
        given().formParam("x", "y").when().post("/sign-out").then().statusCode(403);
    }

    @Test
    void letsADecisionWithThisSessionsTokenThrough() {
        given().formParam("decision", "Approved").formParam("reason", "Ok")
                .formParam(CsrfTokens.FIELD, tokens.issue("approver"))
                .when().post("/clusters/no-such-cluster/requests/a/decision")
                .then().statusCode(404).body(not(containsString("This form has expired")));
    }
}
