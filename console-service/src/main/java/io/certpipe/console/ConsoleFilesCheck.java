package io.certpipe.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the files ./certpipe writes for the console can be read: without them no page can be served, and
 * ./certpipe up says so rather than a browser later.
 */
@Readiness
@ApplicationScoped
public class ConsoleFilesCheck implements HealthCheck {

    private final Map<String, Path> files;

    public ConsoleFilesCheck(ConsoleConfig config) {
        this.files = Map.of(
                "clusters-file", config.clustersFile(),
                "intake-trusted-ca", config.intake().trustedCa(),
                "oidc-client-secret-file", config.oidc().clientSecretFile());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("console-files").up();
        files.forEach((setting, file) -> {
            boolean readable = Files.isReadable(file);
            check.withData(setting, readable ? "readable" : "cannot be read: " + file);
            if (!readable) {
                check.down();
            }
        });
        return check.build();
    }
}
