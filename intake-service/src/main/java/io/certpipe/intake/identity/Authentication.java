package io.certpipe.intake.identity;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.ws.rs.Priorities;

import io.certpipe.kube.ApiException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API request before routing, from the client certificate the TLS layer has already verified
 * against the client CA bundle. Health and metrics live on the management interface and never reach this filter.
 */
public class Authentication {

    private static final String USER_KEY = UserInfo.class.getName();
    private static final String CERTIFICATE_KEY = X509Certificate.class.getName();

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public void authenticate(RoutingContext routing) {
        X509Certificate leaf = clientCertificate(routing.request().sslSession());
        routing.put(CERTIFICATE_KEY, leaf);
        routing.put(USER_KEY, ClientCertificates.userOf(leaf).orElseThrow(ApiException::unauthorized));
    }

    /** The client certificate the caller logged in with; which cluster may trust it is tenancy's question. */
    public static X509Certificate certificate(RoutingContext routing) {
        X509Certificate leaf = routing.get(CERTIFICATE_KEY);
        if (leaf == null) {
            throw ApiException.unauthorized();
        }
        return leaf;
    }

    /** The caller {@link #authenticate} found; every request that reaches a resource has one. */
    public static UserInfo caller(RoutingContext routing) {
        UserInfo user = routing.get(USER_KEY);
        if (user == null) {
            throw ApiException.unauthorized();
        }
        return user;
    }

    private static X509Certificate clientCertificate(SSLSession session) {
        if (session == null) {
            throw ApiException.unauthorized();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            throw ApiException.unauthorized();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw ApiException.unauthorized();
        }
        return leaf;
    }
}
