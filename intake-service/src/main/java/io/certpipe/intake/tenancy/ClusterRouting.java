package io.certpipe.intake.tenancy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;

import io.certpipe.intake.kube.ApiException;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Tenancy at the door: every API path starts with {@code /clusters/<cluster>} and names a cluster intake serves.
 * Runs after authentication, before routing, so a wrong path tells an authenticated caller the right form.
 */
public class ClusterRouting {

    private static final String CLUSTER_KEY = ClusterRouting.class.getName();
    private static final Pattern CLUSTER_PATH = Pattern.compile("^/clusters/([^/]+)(/.*)?$");

    private final IntakeConfig config;

    public ClusterRouting(IntakeConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 100)
    public void requireKnownCluster(RoutingContext routing) {
        String path = routing.normalizedPath();
        Matcher matcher = CLUSTER_PATH.matcher(path);
        if (!matcher.matches()) {
            throw ApiException.pathNotFound("the server could not find the requested resource: every path is under "
                    + "/clusters/<cluster>; use https://" + authority(routing) + "/clusters/"
                    + config.clusters().getFirst() + path);
        }
        String cluster = matcher.group(1);
        if (!config.clusters().contains(cluster)) {
            throw ApiException.pathNotFound("cluster \"" + cluster + "\" not found");
        }
        routing.put(CLUSTER_KEY, cluster);
    }

    /** The cluster {@link #requireKnownCluster} found in the path of {@code routing}. */
    public static String clusterOf(RoutingContext routing) {
        String cluster = routing.get(CLUSTER_KEY);
        if (cluster == null) {
            throw new IllegalStateException("no cluster was routed for " + routing.normalizedPath());
        }
        return cluster;
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
