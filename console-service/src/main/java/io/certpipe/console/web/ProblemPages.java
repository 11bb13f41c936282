package io.certpipe.console.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.certpipe.console.intake.IntakeException;
import io.quarkus.oidc.OidcSession;
import io.smallrye.mutiny.Uni;

/**
 * Turns intake's refusals into pages, once for every endpoint: a 403 is a "not allowed" page with intake's reason, a
 * 401 ends the console's session and offers to sign in again, never a stack trace.
 */
public class ProblemPages {

    private final Frames frames;
    private final OidcSession session;

    public ProblemPages(Frames frames, OidcSession session) {
        this.frames = frames;
        this.session = session;
    }

    @ServerExceptionMapper
    public Uni<Response> intakeRefused(IntakeException refusal, UriInfo uri, Request request) {
        Problem problem = Problem.of(refusal.status());
        String retryPath = retryPath(request.getMethod(), uri.getPath());
        if (problem.signInAgain()) {
            return session.logout().map(ended -> page(problem, Frame.signedOut(), retryPath));
        }
        return Uni.createFrom().item(() -> page(problem, frames.current(), retryPath));
    }

    /** Where to go on from the page: the page asked for again, or for a form the page that held it. */
    static String retryPath(String method, String path) {
        if ("GET".equals(method)) {
            return path;
        }
        int parent = path.lastIndexOf('/');
        return parent > 0 ? path.substring(0, parent) : "/";
    }

    private static Response page(Problem problem, Frame frame, String retryPath) {
        return Response.status(problem.httpStatus()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.problem(frame, problem, retryPath)).build();
    }
}
