package io.certpipe.console.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void everyResponseCarriesTheContentSecurityPolicyAndRefusesSniffingReferrersAndFraming() {
        given().when().get("/signed-out").then().statusCode(200)
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self' http://127.0.0.1:8180")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        given().when().get("/assets/console.css").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void letsFormsPostOnlyToTheConsoleAndTheProvidersOrigin() {
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self' https://login.example.com:8443",
                SecurityHeaders.contentSecurityPolicy(URI.create("https://login.example.com:8443/realms/certpipe")));
    }
}
