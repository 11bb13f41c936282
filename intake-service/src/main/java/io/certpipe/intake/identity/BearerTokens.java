package io.certpipe.intake.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.kube.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * People's bearer tokens, as kube-apiserver's OIDC authenticator reads them: quarkus-oidc verifies the token against
 * the issuer the cluster trusts ({@link ClusterTokenIssuers}: signature by the issuer's keys, {@code iss}, {@code aud},
 * expiry), then the cluster's claim mappings name the user and groups, each with its prefix, so that RBAC bindings
 * can name {@code oidc:alice} and {@code oidc:csr-approvers}. Whatever cannot be verified or mapped is 401.
 */
@ApplicationScoped
public class BearerTokens {

    /** The attribute quarkus-oidc gives a verified identity: the tenant that verified it. */
    private static final String TENANT_ID = "tenant-id";
    private static final Logger LOG = Logger.getLogger(BearerTokens.class);

    private final ClusterTokenIssuers issuers;

    public BearerTokens(ClusterTokenIssuers issuers) {
        this.issuers = issuers;
    }

    /** A caller who logged in to {@code cluster} with a token that cluster trusts. */
    public record TokenLogin(String cluster, UserInfo user) {
    }

    /** The caller of {@code routing} by its bearer token, which was verified for the cluster of the path. */
    Uni<TokenLogin> authenticate(RoutingContext routing, String cluster) {
        return QuarkusHttpUser.getSecurityIdentity(routing, null)
                .onFailure().transform(failure -> {
                    LOG.debugf("a bearer token for cluster %s was refused: %s", cluster, failure.toString());
                    return ApiException.unauthorized();
                })
                .map(identity -> new TokenLogin(cluster, userOf(identity, cluster)));
    }

    private UserInfo userOf(SecurityIdentity identity, String cluster) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw ApiException.unauthorized();
        }
        JwtAuthenticators.ClaimMappings mappings = issuers.authenticatorOf(identity.getAttribute(TENANT_ID), cluster)
                .orElseThrow(ApiException::unauthorized).claimMappings();
        Object username = token.getClaim(mappings.username().claim());
        if (!(username instanceof String name) || name.isEmpty()) {
            // kube-apiserver refuses a token without the username claim rather than guess who it is.
            throw ApiException.unauthorized();
        }
        List<String> groups = new ArrayList<>();
        if (mappings.groups() != null) {
            for (String group : stringsOf(token.getClaim(mappings.groups().claim()))) {
                groups.add(mappings.groups().prefixed(group));
            }
        }
        groups.add(UserInfo.AUTHENTICATED);
        return new UserInfo(mappings.username().prefixed(name), "", groups, Map.of());
    }

    /** A groups claim is a list of strings, or a single string; anything else names no group. */
    private static List<String> stringsOf(Object claim) {
        if (claim instanceof String single) {
            return List.of(single);
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
