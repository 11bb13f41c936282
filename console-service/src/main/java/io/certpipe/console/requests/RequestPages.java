package io.certpipe.console.requests;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.certpipe.console.intake.ApiPaths;
import io.certpipe.console.intake.IntakeException;
import io.certpipe.console.intake.IntakeStatus;
import io.certpipe.console.session.SignedInUser;
import io.certpipe.console.web.Flash;
import io.certpipe.console.web.Frames;
import io.certpipe.console.web.Pages;

/**
 * The request list, a request's page, the decision form and the certificate download. Each reads or writes through
 * intake as the signed-in user; refusals become pages in {@code ProblemPages}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RequestPages {

    /** Characters a download's file name keeps; any other becomes '_'. */
    private static final Pattern NOT_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    private final RequestCatalogue catalogue;
    private final RequestDetails details;
    private final Decisions decisions;
    private final Clusters clusters;
    private final SignedInUser user;
    private final Frames frames;

    public RequestPages(RequestCatalogue catalogue, RequestDetails details, Decisions decisions, Clusters clusters,
            SignedInUser user, Frames frames) {
        this.catalogue = catalogue;
        this.details = details;
        this.decisions = decisions;
        this.clusters = clusters;
        this.user = user;
        this.frames = frames;
    }

    @GET
    public Response list(@RestQuery String cluster, @RestQuery String signer, @RestQuery String requester,
            @RestQuery String age) {
        RequestList list = catalogue.list(RequestFilter.of(cluster, signer, requester, age), user.bearerToken());
        return Response.ok(Pages.requests(frames.current(), list)).build();
    }

    @GET
    @Path("clusters/{cluster}/requests/{name}")
    public Response request(@RestPath String cluster, @RestPath String name,
            @RestCookie(Flash.COOKIE) String flash) {
        requireKnown(cluster, name);
        RequestView view = details.view(cluster, name, user.bearerToken(), Flash.read(flash).orElse(null));
        Response.ResponseBuilder page = Response.ok(Pages.request(frames.current(), view));
        if (view.flash() != null) {
            page.cookie(Flash.clearedFor(view.path()));
        }
        return page.build();
    }

    /** Post, redirect, get: the answer is always a redirect to the request's page, which says what happened. */
    @POST
    @Path("clusters/{cluster}/requests/{name}/decision")
    public Response decide(@RestPath String cluster, @RestPath String name, @RestForm String decision,
            @RestForm String reason, @RestForm String message) {
        requireKnown(cluster, name);
        Decision.Result parsed = Decision.parse(decision, reason, message);
        Flash outcome = parsed.decision() == null ? new Flash(Flash.Kind.ERROR, parsed.problem())
                : decisions.decide(cluster, name, parsed.decision(), user.bearerToken());
        String page = RequestRow.detailPath(cluster, name);
        return Response.seeOther(URI.create(page)).cookie(outcome.cookieFor(page)).build();
    }

    @GET
    @Path("clusters/{cluster}/requests/{name}/certificate.pem")
    @Produces("application/x-pem-file")
    public Response certificate(@RestPath String cluster, @RestPath String name) {
        requireKnown(cluster, name);
        String pem = details.request(cluster, name, user.bearerToken()).certificatePem()
                .orElseThrow(() -> new IntakeException(new IntakeStatus(404, "NotFound", name
                        + " has no certificate yet")));
        return Response.ok(pem).header("Content-Disposition", "attachment; filename=\""
                + NOT_IN_FILE_NAME.matcher(name).replaceAll("_") + ".crt\"").build();
    }

    /** A cluster or name that cannot exist is not asked of intake. */
    private void requireKnown(String cluster, String name) {
        if (!clusters.contains(cluster) || !ApiPaths.isRequestName(name)) {
            throw new IntakeException(new IntakeStatus(404, "NotFound", "no request " + name + " in cluster "
                    + cluster));
        }
    }
}
