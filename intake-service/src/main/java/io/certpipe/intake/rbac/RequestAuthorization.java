package io.certpipe.intake.rbac;

import jakarta.ws.rs.Priorities;

import io.certpipe.intake.identity.Authentication;
import io.certpipe.kube.RequestInfo;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authorises every API request before it is routed, from what its method, path and query ask ({@link RequestInfo}),
 * as kube-apiserver's authorization filter does: no resource calls the authoriser, so none can forget to. It runs
 * after authentication and tenancy, so the caller and the cluster are known; a refusal is kube-apiserver's 403.
 */
public class RequestAuthorization {

    private final Authorizer authorizer;

    public RequestAuthorization(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHORIZATION)
    public void authorize(RoutingContext routing) {
        RequestInfo request = RequestInfo.of(routing.request().method().name(), ClusterRouting.pathInCluster(routing),
                routing.request()::getParam);
        authorizer.authorize(ClusterRouting.clusterOf(routing), Authentication.caller(routing),
                RequestAttributes.of(request));
    }
}
