package io.certpipe.console.web;

import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.certpipe.console.session.SignedInUser;

/**
 * Refuses every state-changing request whose form does not carry this session's CSRF token ({@link CsrfTokens}),
 * before any endpoint runs, so that no endpoint can forget the check.
 */
public class CsrfFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final CsrfTokens tokens;
    private final SignedInUser user;

    public CsrfFilter(CsrfTokens tokens, SignedInUser user) {
        this.tokens = tokens;
        this.user = user;
    }

    /** The form is read first ({@link WithFormRead}), so the token can be; the endpoint reads it again. */
    @ServerRequestFilter
    @WithFormRead
    public void requireFormToken(ResteasyReactiveContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        Object presented = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(CsrfTokens.FIELD, true, false);
        if (presented instanceof String token && tokens.verify(user.sessionKey(), token)) {
            return;
        }
        Problem stale = Problem.staleForm();
        request.abortWith(Response.status(stale.httpStatus()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.problem(Frame.signedOut(), stale, "/")).build());
    }
}
