package io.certpipe.intake.signer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * intake is ready only once it knows every signer's approval rules: before, it answers approvals 503 rather than
 * apply rules it has not read ({@link SignerCatalogue#approvalRules}), and `./certpipe up` waits for this.
 */
@Readiness
@ApplicationScoped
public class SignerRulesReadiness implements HealthCheck {

    private final SignerCatalogue catalogue;

    public SignerRulesReadiness(SignerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signers' approval rules").status(catalogue.hasReadEverySigner()).build();
    }
}
