package io.certpipe.intake.rbac;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.certpipe.kube.ApiResource;
import io.certpipe.intake.csr.CsrApi;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.ProtobufEnvelope;
import io.certpipe.kube.RequestBodies;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.certpipe.kube.Verbs;
import io.certpipe.intake.identity.Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code kubectl auth can-i} (SelfSubjectAccessReview, for oneself) and SubjectAccessReview (an administrator asking
 * for someone else), answered by the same {@link Authorizer} that guards the requests. A question about
 * {@code approve} or {@code sign} on {@code signers} is answered as the signer check of a real decision is, domain
 * wildcard included, so the answer and the request always agree. A review stores nothing, so a dry run answers the
 * same; its {@code dryRun} option is still checked, as every create's is.
 */
@Path("/clusters/{cluster}")
public class AccessReviewResource {

    static final String GROUP = "authorization.k8s.io";
    private static final String SELF_REVIEW = "SelfSubjectAccessReview";
    private static final String REVIEW = "SubjectAccessReview";
    /** Reviews are only created, and answered at once. */
    public static final ApiResource SELF_DECLARATION = new ApiResource(GROUP, "v1", SELF_REVIEW,
            "selfsubjectaccessreviews", "selfsubjectaccessreview", List.of(), List.of(Verbs.CREATE), false,
            List.of(), false);
    public static final ApiResource DECLARATION = new ApiResource(GROUP, "v1", REVIEW, "subjectaccessreviews",
            "subjectaccessreview", List.of(), List.of(Verbs.CREATE), false, List.of(), false);

    private static final Logger LOG = Logger.getLogger(AccessReviewResource.class);

    private final Authorizer authorizer;
    private final SignerPermissions signerPermissions;
    private final ObjectMapper json;

    public AccessReviewResource(Authorizer authorizer, SignerPermissions signerPermissions, ObjectMapper json) {
        this.authorizer = authorizer;
        this.signerPermissions = signerPermissions;
        this.json = json;
    }

    @POST
    @Path("apis/" + GROUP + "/v1/selfsubjectaccessreviews")
    public Response selfReview(@RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        UserInfo caller = Authentication.caller(routing);
        DryRun.of(DryRun.Options.CREATE, dryRunValues);
        Spec spec = ProtobufEnvelope.isProtobuf(contentType) ? selfSpecFromProtobuf(body)
                : RequestBodies.parse(body, Review.class, SELF_REVIEW, json).spec();
        return answer(SELF_REVIEW, ClusterRouting.clusterOf(routing), caller, spec);
    }

    @POST
    @Path("apis/" + GROUP + "/v1/subjectaccessreviews")
    public Response review(@RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        DryRun.of(DryRun.Options.CREATE, dryRunValues);
        Spec spec = ProtobufEnvelope.isProtobuf(contentType) ? specFromProtobuf(body)
                : RequestBodies.parse(body, Review.class, REVIEW, json).spec();
        if (spec == null || (spec.user() == null || spec.user().isEmpty())
                && (spec.groups() == null || spec.groups().isEmpty())) {
            throw ApiException.badRequest("SubjectAccessReview.authorization.k8s.io is invalid: spec.user: Invalid "
                    + "value: \"\": at least one of user or group must be specified");
        }
        UserInfo subject = new UserInfo(spec.user() == null ? "" : spec.user(), spec.uid() == null ? "" : spec.uid(),
                spec.groups() == null ? List.of() : spec.groups(), spec.extra() == null ? Map.of() : spec.extra());
        return answer(REVIEW, ClusterRouting.clusterOf(routing), subject, spec);
    }

    private Response answer(String kind, String cluster, UserInfo subject, Spec spec) {
        RequestAttributes request = attributesOf(spec);
        boolean allowed = isSignerDecision(request)
                ? signerPermissions.allows(cluster, subject, request.verb(), request.name())
                : authorizer.allows(cluster, subject, request);
        // kube-apiserver's RBAC authoriser gives no reason when no rule matches, so `kubectl auth can-i` prints a bare
        // "no" that scripts compare with; the refusal a real request would get goes to the log instead.
        String reason = allowed ? "allowed by RBAC in cluster " + cluster : null;
        if (!allowed) {
            LOG.infof("%s in cluster %s: %s", kind, cluster, Authorizer.refusal(subject, request).getMessage());
        }
        Review answered = new Review(kind, GROUP + "/v1",
                Map.of("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()), spec,
                new Status(allowed, false, reason));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(answered)
                .build();
    }

    private static boolean isSignerDecision(RequestAttributes request) {
        return request.isResourceRequest() && CsrApi.GROUP.equals(request.apiGroup())
                && SignerPermissions.SIGNERS.equals(request.resource()) && !request.name().isEmpty()
                && (Verbs.APPROVE.equals(request.verb()) || Verbs.SIGN.equals(request.verb()));
    }

    private static RequestAttributes attributesOf(Spec spec) {
        if (spec != null && spec.nonResourceAttributes() != null) {
            return RequestAttributes.nonResource(spec.nonResourceAttributes().verb(),
                    spec.nonResourceAttributes().path());
        }
        if (spec == null || spec.resourceAttributes() == null) {
            throw ApiException.badRequest("spec.resourceAttributes or spec.nonResourceAttributes is required");
        }
        ResourceAttributes attributes = spec.resourceAttributes();
        String group = attributes.group() == null ? "" : attributes.group();
        String resource = attributes.resource() == null ? "" : attributes.resource();
        int dot = resource.indexOf('.');
        if (group.isEmpty() && dot > 0) {
            // kubectl sends a resource its discovery does not list (the signers pseudo-resource) as typed:
            // "signers.certificates.k8s.io" in no group. Resource names have no dots, so the rest is the group.
            group = resource.substring(dot + 1);
            resource = resource.substring(0, dot);
        }
        return RequestAttributes.resource(attributes.verb(), group, resource, attributes.subresource(),
                attributes.name());
    }

    private static Spec selfSpecFromProtobuf(byte[] body) {
        try {
            var review = V1Authorization.SelfSubjectAccessReview.parseFrom(ProtobufEnvelope.unwrap(body,
                    SELF_REVIEW));
            var spec = review.getSpec();
            return new Spec(spec.hasResourceAttributes() ? resource(spec.getResourceAttributes()) : null,
                    spec.hasNonResourceAttributes() ? nonResource(spec.getNonResourceAttributes()) : null,
                    null, null, null, null);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("cannot decode the protobuf " + SELF_REVIEW + ": " + e.getMessage());
        }
    }

    private static Spec specFromProtobuf(byte[] body) {
        try {
            var spec = V1Authorization.SubjectAccessReview.parseFrom(ProtobufEnvelope.unwrap(body, REVIEW))
                    .getSpec();
            Map<String, List<String>> extra = new HashMap<>();
            spec.getExtraMap().forEach((key, values) -> extra.put(key, values.getItemsList()));
            return new Spec(spec.hasResourceAttributes() ? resource(spec.getResourceAttributes()) : null,
                    spec.hasNonResourceAttributes() ? nonResource(spec.getNonResourceAttributes()) : null,
                    spec.getUser(), spec.getGroupsList(), spec.getUid(), extra);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("cannot decode the protobuf " + REVIEW + ": " + e.getMessage());
        }
    }

    private static ResourceAttributes resource(V1Authorization.ResourceAttributes attributes) {
        return new ResourceAttributes(attributes.getNamespace(), attributes.getVerb(), attributes.getGroup(),
                attributes.getVersion(), attributes.getResource(), attributes.getSubresource(),
                attributes.getName());
    }

    private static NonResourceAttributes nonResource(V1Authorization.NonResourceAttributes attributes) {
        return new NonResourceAttributes(attributes.getPath(), attributes.getVerb());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Review(String kind, String apiVersion, Map<String, String> metadata, Spec spec, Status status) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Spec(ResourceAttributes resourceAttributes, NonResourceAttributes nonResourceAttributes, String user,
            List<String> groups, String uid, Map<String, List<String>> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResourceAttributes(String namespace, String verb, String group, String version, String resource,
            String subresource, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NonResourceAttributes(String path, String verb) {
    }

    record Status(boolean allowed, boolean denied, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }
}
