package io.certpipe.console.session;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.console.web.Frame;
import io.certpipe.console.web.Pages;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.oidc.RefreshToken;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Signing out: a form post (so it carries the CSRF token), which ends the session at the provider and then the
 * console's own (its cookie), and lands on a page anyone may see.
 */
@Path("/")
public class SignOut {

    /** The page signing out lands on; public (application.properties). */
    public static final String SIGNED_OUT = "/signed-out";

    private final ProviderSessions provider;
    private final OidcSession session;
    private final SecurityIdentity identity;
    private final OidcConfigurationMetadata metadata;

    public SignOut(ProviderSessions provider, OidcSession session, SecurityIdentity identity,
            OidcConfigurationMetadata metadata) {
        this.provider = provider;
        this.session = session;
        this.identity = identity;
        this.metadata = metadata;
    }

    @POST
    @Path("sign-out")
    public Uni<Response> signOut() {
        RefreshToken refresh = identity.getCredential(RefreshToken.class);
        String endSession = metadata.getEndSessionUri();
        return provider.end(endSession == null ? null : URI.create(endSession),
                        refresh == null ? null : refresh.getToken())
                .chain(session::logout)
                .map(ended -> Response.seeOther(URI.create(SIGNED_OUT)).build());
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return Pages.signedOut(Frame.signedOut());
    }
}
