package io.certpipe.intake.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Which OIDC issuer verifies a bearer token: one quarkus-oidc tenant per issuer of the cluster named by the path, the
 * issuer picked by the token's (yet unverified) {@code iss} among those the cluster trusts, as kube-apiserver picks
 * its JWT authenticator. A token of an issuer the cluster does not list resolves to no tenant and is refused.
 * Tenants are created at first use, so an issuer that is down when intake starts works once it is up.
 */
@ApplicationScoped
public class ClusterTokenIssuers implements TenantConfigResolver {

    /** The tenant id separates the cluster from the issuer's place in the cluster's list. */
    private static final String SEPARATOR = "#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtAuthenticators authenticators;
    private final Map<String, OidcTenantConfig> tenants = new ConcurrentHashMap<>();

    public ClusterTokenIssuers(JwtAuthenticators authenticators) {
        this.authenticators = authenticators;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext routing, OidcRequestContext<OidcTenantConfig> context) {
        return Uni.createFrom().item(tenantFor(routing).orElse(null));
    }

    /** The cluster and issuer a verified identity's tenant id names, for mapping its claims. */
    Optional<JwtAuthenticators.JwtAuthenticator> authenticatorOf(String tenantId, String cluster) {
        if (tenantId == null || !tenantId.startsWith(cluster + SEPARATOR)) {
            return Optional.empty();
        }
        int index = Integer.parseInt(tenantId.substring(cluster.length() + SEPARATOR.length()));
        List<JwtAuthenticators.JwtAuthenticator> issuers = authenticators.of(cluster);
        return index < issuers.size() ? Optional.of(issuers.get(index)) : Optional.empty();
    }

    private Optional<OidcTenantConfig> tenantFor(RoutingContext routing) {
        Optional<String> named = ClusterRouting.clusterNamedBy(routing.normalizedPath());
        Optional<String> issuer = unverifiedIssuer(routing.request().getHeader("Authorization"));
        if (named.isEmpty() || issuer.isEmpty()) {
            return Optional.empty();
        }
        String cluster = named.get();
        List<JwtAuthenticators.JwtAuthenticator> issuers = authenticators.of(cluster);
        for (int i = 0; i < issuers.size(); i++) {
            JwtAuthenticators.Issuer trusted = issuers.get(i).issuer();
            if (trusted.url().equals(issuer.get())) {
                String tenantId = cluster + SEPARATOR + i;
                return Optional.of(tenants.computeIfAbsent(tenantId, id -> tenant(id, trusted)));
            }
        }
        return Optional.empty();
    }

    /**
     * A bearer-token-only tenant: keys from the issuer's discovery document, {@code iss} exactly the issuer's URL,
     * {@code aud} one of the cluster's audiences; no session, no code flow.
     */
    private static OidcTenantConfig tenant(String tenantId, JwtAuthenticators.Issuer issuer) {
        return OidcTenantConfig.authServerUrl(issuer.url())
                .tenantId(tenantId)
                .applicationType(ApplicationType.SERVICE)
                .clientId(issuer.audiences().getFirst())
                .token().issuer(issuer.url()).audience(issuer.audiences()).end()
                .build();
    }

    /** The {@code iss} of a bearer JWT, read without verifying it: only to choose which issuer verifies it. */
    static Optional<String> unverifiedIssuer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            JsonNode iss = claims.path("iss");
            return iss.isTextual() ? Optional.of(iss.asText()) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
