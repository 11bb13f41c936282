package io.certpipe.console.web;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.certpipe.console.ConsoleConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * The headers of every response, pages, assets and sign-in redirects alike: a Content-Security-Policy that lets
 * only the console's own files run or style anything (no inline script or style), frames nothing and posts forms
 * only to the console and the sign-in provider; no MIME sniffing, no referrer, and pages never cached.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Runs before authentication (priority 200), so the redirects to sign in carry the headers too. */
    private static final int BEFORE_AUTHENTICATION = 400;
    private static final String ASSETS = "/assets/";

    private final Map<String, String> headers;

    public SecurityHeaders(ConsoleConfig config) {
        this.headers = Map.of(
                "Content-Security-Policy", contentSecurityPolicy(config.oidc().issuer()),
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "X-Frame-Options", "DENY");
    }

    /**
     * {@code form-action} names the provider's origin because a browser applies it to where a form's answer
     * redirects too: signing out and the sign-in flow pass through the provider.
     */
    static String contentSecurityPolicy(URI issuer) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self' " + origin(issuer);
    }

    void register(@Observes Filters filters) {
        filters.register(routing -> {
            routing.addHeadersEndHandler(ignored -> {
                headers.forEach(routing.response().headers()::set);
                if (!routing.normalizedPath().startsWith(ASSETS)) {
                    routing.response().headers().set("Cache-Control", "no-store");
                }
            });
            routing.next();
        }, BEFORE_AUTHENTICATION);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
