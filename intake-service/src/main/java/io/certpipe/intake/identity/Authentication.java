package io.certpipe.intake.identity;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.ws.rs.Priorities;

import io.certpipe.intake.tenancy.ClusterRouting;
import io.certpipe.intake.tenancy.Clusters;
import io.certpipe.kube.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API request before routing, as kube-apiserver's union of authenticators does: a client
 * certificate the TLS layer has verified against the client CA bundle, or else a bearer token of an OIDC issuer the
 * cluster of the path trusts ({@link BearerTokens}). Which cluster may trust the login is tenancy's question
 * ({@link #isTrustedBy}). Health and metrics live on the management interface and never reach this filter.
 */
public class Authentication {

    private static final String USER_KEY = UserInfo.class.getName();
    private static final String LOGIN_KEY = Login.class.getName();

    private final BearerTokens bearerTokens;

    public Authentication(BearerTokens bearerTokens) {
        this.bearerTokens = bearerTokens;
    }

    /** How the caller logged in. */
    private sealed interface Login {
    }

    private record CertificateLogin(X509Certificate leaf) implements Login {
    }

    private record TokenLogin(String cluster) implements Login {
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(RoutingContext routing) {
        Optional<X509Certificate> leaf = clientCertificate(routing.request().sslSession());
        if (leaf.isPresent()) {
            routing.put(LOGIN_KEY, new CertificateLogin(leaf.get()));
            routing.put(USER_KEY, ClientCertificates.userOf(leaf.get()).orElseThrow(ApiException::unauthorized));
            return Uni.createFrom().voidItem();
        }
        Optional<String> cluster = ClusterRouting.clusterNamedBy(routing.normalizedPath());
        if (ClusterTokenIssuers.unverifiedIssuer(routing.request().getHeader("Authorization")).isEmpty()
                || cluster.isEmpty()) {
            throw ApiException.unauthorized();
        }
        return bearerTokens.authenticate(routing, cluster.get()).invoke(login -> {
            routing.put(LOGIN_KEY, new TokenLogin(login.cluster()));
            routing.put(USER_KEY, login.user());
        }).replaceWithVoid();
    }

    /**
     * Whether {@code cluster} accepts the caller's login: a certificate one of its client CAs issued, or a token
     * verified by one of its issuers for it.
     */
    public static boolean isTrustedBy(RoutingContext routing, String cluster, Clusters clusters) {
        return switch (login(routing)) {
            case CertificateLogin certificate -> clusters.trusts(cluster, certificate.leaf());
            case TokenLogin token -> token.cluster().equals(cluster);
        };
    }

    /** The caller {@link #authenticate} found; every request that reaches a resource has one. */
    public static UserInfo caller(RoutingContext routing) {
        UserInfo user = routing.get(USER_KEY);
        if (user == null) {
            throw ApiException.unauthorized();
        }
        return user;
    }

    private static Login login(RoutingContext routing) {
        Login login = routing.get(LOGIN_KEY);
        if (login == null) {
            throw ApiException.unauthorized();
        }
        return login;
    }

    private static Optional<X509Certificate> clientCertificate(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return Optional.of(leaf);
    }
}
