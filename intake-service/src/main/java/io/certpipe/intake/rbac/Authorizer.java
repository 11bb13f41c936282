package io.certpipe.intake.rbac;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.GroupResource;

/**
 * Every authorisation decision of intake: Kubernetes RBAC over the cluster's ClusterRoles and ClusterRoleBindings,
 * decided from the request's attributes alone. API requests reach it through {@link RequestAuthorization}, before
 * routing; the Kafka door and access reviews ask it directly. {@code system:masters} may do anything, as in Kubernetes, whatever the
 * bindings say, so an administrator cannot lock everyone out.
 */
@ApplicationScoped
public class Authorizer {

    private final Function<String, RbacPolicy> policies;

    @Inject
    public Authorizer(RbacPolicies rbac) {
        this(rbac::policy);
    }

    /** An authoriser over {@code policies}, each cluster's policy by name. */
    Authorizer(Function<String, RbacPolicy> policies) {
        this.policies = policies;
    }

    public boolean allows(String cluster, UserInfo user, RequestAttributes request) {
        return user.isMemberOf(KubernetesIdentities.MASTERS_GROUP)
                || policies.apply(cluster).allows(user, request);
    }

    /** Returns when {@code user} may do {@code request}; otherwise refuses with kube-apiserver's wording. */
    public void authorize(String cluster, UserInfo user, RequestAttributes request) {
        if (allows(cluster, user, request)) {
            return;
        }
        throw refusal(user, request);
    }

    /** kube-apiserver's refusal of {@code request} for {@code user}. */
    public static ApiException refusal(UserInfo user, RequestAttributes request) {
        if (!request.isResourceRequest()) {
            return ApiException.forbiddenPath("User \"" + user.username() + "\" cannot " + request.verb()
                    + " path \"" + request.path() + "\"");
        }
        String why = "User \"" + user.username() + "\" cannot " + request.verb() + " resource \""
                + request.resourceWithSubresource() + "\" in API group \"" + request.apiGroup()
                + "\" at the cluster scope";
        return ApiException.forbidden(new GroupResource(request.apiGroup(), request.resource()), request.name(), why);
    }
}
