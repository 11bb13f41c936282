package io.certpipe.intake.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.intake.csr.CsrApi;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.GroupResource;
import io.certpipe.common.csr.KubernetesIdentities;

/**
 * Every authorisation decision of intake, in one place until full RBAC arrives. The rules mirror the default
 * Kubernetes roles that matter here: {@code system:masters} may do anything; nodes may create and read their
 * certificate requests (kubelet certificate renewal); discovery, version, OpenAPI and self-review are open to every
 * authenticated user ({@code system:discovery}, {@code system:basic-user}).
 */
@ApplicationScoped
public class Authorizer {


    private static final Set<String> NODE_CSR_VERBS = Set.of(Verbs.CREATE, Verbs.GET, Verbs.LIST, Verbs.WATCH);
    private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";
    private static final String SELF_SUBJECT_REVIEWS = "selfsubjectreviews";

    public boolean allows(UserInfo user, RequestAttributes request) {
        if (user.isMemberOf(KubernetesIdentities.MASTERS_GROUP)) {
            return true;
        }
        if (!request.isResourceRequest()) {
            return user.isMemberOf(UserInfo.AUTHENTICATED);
        }
        if (isSelfReview(request)) {
            return user.isMemberOf(UserInfo.AUTHENTICATED);
        }
        return user.isMemberOf(KubernetesIdentities.NODES_GROUP) && isCsrRequest(request) && request.subresource().isEmpty()
                && NODE_CSR_VERBS.contains(request.verb());
    }

    /** Returns when {@code user} may do {@code request}; otherwise refuses with Kubernetes' wording. */
    public void authorize(UserInfo user, RequestAttributes request) {
        if (allows(user, request)) {
            return;
        }
        if (!request.isResourceRequest()) {
            throw ApiException.forbiddenPath("User \"" + user.username() + "\" cannot " + request.verb()
                    + " path \"" + request.path() + "\"");
        }
        String why = "User \"" + user.username() + "\" cannot " + request.verb() + " resource \""
                + request.resourceWithSubresource() + "\" in API group \"" + request.apiGroup()
                + "\" at the cluster scope";
        throw ApiException.forbidden(new GroupResource(request.apiGroup(), request.resource()), request.name(), why);
    }

    private static boolean isCsrRequest(RequestAttributes request) {
        return CsrApi.GROUP.equals(request.apiGroup()) && CsrApi.RESOURCE.equals(request.resource());
    }

    private static boolean isSelfReview(RequestAttributes request) {
        return AUTHENTICATION_GROUP.equals(request.apiGroup()) && SELF_SUBJECT_REVIEWS.equals(request.resource())
                && Verbs.CREATE.equals(request.verb());
    }
}
