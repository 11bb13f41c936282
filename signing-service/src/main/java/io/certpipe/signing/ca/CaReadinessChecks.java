package io.certpipe.signing.ca;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.certpipe.common.signer.KeyMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness check per signer, named {@code ca <cluster>/<signerName>}: UP while a test signature made with its key
 * verifies against its published certificate, DOWN when it does not or when its files could not be loaded. With no CA
 * at all, a single DOWN check says so: a CA without keys is not ready.
 */
@ApplicationScoped
public class CaReadinessChecks {

    static final String CHECK_PREFIX = "ca ";

    private final CertificateAuthorities authorities;
    private final HealthRegistry readiness;

    public CaReadinessChecks(CertificateAuthorities authorities, @Readiness HealthRegistry readiness) {
        this.authorities = authorities;
        this.readiness = readiness;
    }

    void register(@Observes StartupEvent startup) {
        authorities.available().forEach(ca -> readiness.register(checkName(ca.signer()), () -> report(ca)));
        authorities.unavailable().forEach(broken -> readiness.register(checkName(broken.signer()),
                () -> describe(broken.signer(), broken.mode()).down()
                        .withData("works", false)
                        .withData("error", broken.problem())
                        .build()));
        if (authorities.available().isEmpty() && authorities.unavailable().isEmpty()) {
            readiness.register(CHECK_PREFIX + "keys", () -> HealthCheckResponse.named(CHECK_PREFIX + "keys").down()
                    .withData("error", "no CA is configured").build());
        }
    }

    private static HealthCheckResponse report(CertificateAuthority ca) {
        Optional<String> problem = KeyCheck.problemWith(ca);
        HealthCheckResponseBuilder response = describe(ca.signer(), ca.mode())
                .withData("keyId", ca.keyId())
                .withData("works", problem.isEmpty())
                .status(problem.isEmpty());
        problem.ifPresent(message -> response.withData("error", message));
        return response.build();
    }

    private static HealthCheckResponseBuilder describe(SignerId signer, KeyMode mode) {
        return HealthCheckResponse.named(checkName(signer))
                .withData("cluster", signer.cluster())
                .withData("signerName", signer.signerName())
                .withData("mode", mode.name());
    }

    private static String checkName(SignerId signer) {
        return CHECK_PREFIX + signer;
    }
}
