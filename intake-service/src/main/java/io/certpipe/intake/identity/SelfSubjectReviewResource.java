package io.certpipe.intake.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.kube.Verbs;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.DryRun;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code kubectl auth whoami}: tells callers who the server takes them to be. The request body (protobuf from kubectl)
 * carries nothing the answer depends on, so it is not read.
 */
@Path("/clusters/{cluster}")
public class SelfSubjectReviewResource {

    private static final String GROUP = "authentication.k8s.io";
    /** Reviews are only created, and answered at once. */
    public static final ApiResource DECLARATION = new ApiResource(GROUP, "v1", "SelfSubjectReview",
            "selfsubjectreviews", "selfsubjectreview", List.of(), List.of(Verbs.CREATE), false, List.of(), false);


    public SelfSubjectReviewResource() {
    }

    @POST
    @Path("apis/" + GROUP + "/v1/selfsubjectreviews")
    public Response review(@RestQuery("dryRun") List<String> dryRunValues, RoutingContext routing) {
        UserInfo caller = Authentication.caller(routing);
        // A review stores nothing, so a dry run answers the same; the option is checked as every create's is.
        DryRun.of(DryRun.Options.CREATE, dryRunValues);
        var review = new SelfSubjectReview("SelfSubjectReview", GROUP + "/v1",
                Map.of("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()),
                new ReviewStatus(new ReviewedUser(caller.username(), caller.uid(), caller.groups(), caller.extra())));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(review).build();
    }

    record SelfSubjectReview(String kind, String apiVersion, Map<String, String> metadata, ReviewStatus status) {
    }

    record ReviewStatus(ReviewedUser userInfo) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ReviewedUser(String username, String uid, List<String> groups, Map<String, List<String>> extra) {
    }
}
