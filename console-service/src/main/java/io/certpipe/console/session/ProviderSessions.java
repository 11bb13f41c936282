package io.certpipe.console.session;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.certpipe.console.ConsoleConfig;
import io.smallrye.mutiny.Uni;

/**
 * Ends a user's session at the OpenID Connect provider from the server, so that signing out of the console signs
 * out of Keycloak too and the next sign-in asks for the password again. Keycloak's end-session endpoint accepts a
 * confidential client's {@code POST} of the session's refresh token: unlike the browser redirect of RP-initiated
 * logout, whose {@code id_token_hint} would put the ID token in a URL (browser history, the provider's access log),
 * no token leaves the server.
 */
@ApplicationScoped
public class ProviderSessions {

    private static final Logger LOG = Logger.getLogger(ProviderSessions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConsoleConfig.Oidc oidc;
    private final ClientSecretFile secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ProviderSessions(ConsoleConfig config, ClientSecretFile secret) {
        this.oidc = config.oidc();
        this.secret = secret;
    }

    /**
     * Ends the provider's session of {@code refreshToken} at {@code endSessionEndpoint}. A failure is logged (without
     * the token) and otherwise ignored: the console's own session ends regardless.
     */
    public Uni<Void> end(URI endSessionEndpoint, String refreshToken) {
        if (endSessionEndpoint == null || refreshToken == null || refreshToken.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        HttpRequest request = HttpRequest.newBuilder(endSessionEndpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + clientCredentials())
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + form(oidc.clientId()) + "&refresh_token="
                        + form(refreshToken)))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        LOG.warnf("the OIDC provider did not end a session at sign-out: HTTP %d",
                                response.statusCode());
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("the OIDC provider could not be reached at sign-out: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** client_secret_basic (RFC 6749 2.3.1): id and secret form-encoded, then joined and base64-encoded. */
    private String clientCredentials() {
        String pair = form(oidc.clientId()) + ":" + form(secret.secret());
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
