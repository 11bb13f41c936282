package io.certpipe.intake.tenancy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;

import io.certpipe.intake.identity.Authentication;
import io.certpipe.kube.ApiException;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Tenancy at the door: every API path starts with {@code /clusters/<cluster>}, names a cluster intake serves, and is
 * called with a client certificate that cluster's own client CA issued, or a token one of its issuers signed. Runs after authentication, before routing, so
 * a wrong path tells an authenticated caller the right form.
 */
public class ClusterRouting {

    private static final String CLUSTER_KEY = ClusterRouting.class.getName();
    private static final String PATH_IN_CLUSTER_KEY = CLUSTER_KEY + ".path";
    private static final Pattern CLUSTER_PATH = Pattern.compile("^/clusters/([^/]+)(/.*)?$");

    private final Clusters clusters;

    public ClusterRouting(Clusters clusters) {
        this.clusters = clusters;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 100)
    public void requireKnownCluster(RoutingContext routing) {
        String path = routing.normalizedPath();
        Matcher matcher = CLUSTER_PATH.matcher(path);
        if (!matcher.matches()) {
            throw ApiException.pathNotFound("the server could not find the requested resource: every path is under "
                    + "/clusters/<cluster>; use https://" + authority(routing) + "/clusters/"
                    + clusters.names().getFirst() + path);
        }
        String cluster = matcher.group(1);
        if (!clusters.serves(cluster)) {
            throw ApiException.pathNotFound("cluster \"" + cluster + "\" not found");
        }
        if (!Authentication.isTrustedBy(routing, cluster, clusters)) {
            // Issued in another cluster (or by a CA this cluster no longer trusts): not a login here.
            throw ApiException.unauthorized();
        }
        routing.put(CLUSTER_KEY, cluster);
        routing.put(PATH_IN_CLUSTER_KEY, matcher.group(2) == null ? "/" : matcher.group(2));
    }

    /**
     * The cluster {@code path} names ({@code /clusters/<cluster>/...}), read before routing by what must know it
     * early (authentication picks the cluster's token issuers); whether intake serves it is this filter's question.
     */
    public static Optional<String> clusterNamedBy(String path) {
        Matcher matcher = CLUSTER_PATH.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The cluster {@link #requireKnownCluster} found in the path of {@code routing}. */
    public static String clusterOf(RoutingContext routing) {
        String cluster = routing.get(CLUSTER_KEY);
        if (cluster == null) {
            throw new IllegalStateException("no cluster was routed for " + routing.normalizedPath());
        }
        return cluster;
    }

    /** The path of {@code routing} inside its cluster: {@code /version} for {@code /clusters/<c>/version}. */
    public static String pathInCluster(RoutingContext routing) {
        clusterOf(routing);
        return routing.get(PATH_IN_CLUSTER_KEY);
    }

    /** The host and port the caller reached us at, so the hint works on a shifted test stack too. */
    private static String authority(RoutingContext routing) {
        HostAndPort authority = routing.request().authority();
        if (authority == null) {
            return routing.request().localAddress().toString();
        }
        return authority.port() > 0 ? authority.host() + ":" + authority.port() : authority.host();
    }
}
