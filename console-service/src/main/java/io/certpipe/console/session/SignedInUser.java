package io.certpipe.console.session;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.certpipe.console.intake.IntakeException;
import io.certpipe.console.intake.IntakeStatus;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person signed in to this request's session, as the OpenID Connect provider's ID token names them. That token is
 * what the console shows intake: Keycloak always issues the ID token to this client ({@code aud} is the console's
 * client id, whatever audience mappers the realm has), and it is what kubectl's OIDC login sends too.
 */
@RequestScoped
public class SignedInUser {

    private static final String USERNAME_CLAIM = "preferred_username";
    /** Keycloak's session id: the same for every token of one sign-in, refreshed or not. */
    private static final String SESSION_CLAIM = "sid";

    private final SecurityIdentity identity;

    public SignedInUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Who is signed in, as the page greets them. */
    public String name() {
        return idToken().map(token -> token.<String>getClaim(USERNAME_CLAIM))
                .orElseGet(() -> identity.getPrincipal().getName());
    }

    /** The token every call to intake carries; a session without one must sign in again. */
    public String bearerToken() {
        IdTokenCredential credential = identity.getCredential(IdTokenCredential.class);
        if (credential == null || credential.getToken() == null) {
            throw new IntakeException(new IntakeStatus(401, "Unauthorized", "this session holds no ID token"));
        }
        return credential.getToken();
    }

    /**
     * What ties a form to this sign-in (the CSRF token is made from it): the provider's session id, or the user's name
     * where a token carries none.
     */
    public String sessionKey() {
        return idToken().map(token -> token.<String>getClaim(SESSION_CLAIM)).filter(sid -> !sid.isEmpty())
                .orElseGet(() -> identity.getPrincipal().getName());
    }

    private Optional<JsonWebToken> idToken() {
        return identity.getPrincipal() instanceof JsonWebToken token ? Optional.of(token) : Optional.empty();
    }
}
