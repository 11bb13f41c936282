package io.certpipe.intake.rbac;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where RBAC objects come from besides the API, and how fresh each instance keeps them. */
@ConfigMapping(prefix = "certpipe.intake.rbac")
public interface RbacConfig {

    /**
     * A directory with one subdirectory per cluster whose {@code *.yaml}, {@code *.yml} and {@code *.json} files hold
     * ClusterRoles and ClusterRoleBindings (several per file, separated by {@code ---}); each is created, or replaces
     * the stored one, when intake starts. Absent: only the defaults and what the API stores.
     */
    Optional<Path> directory();

    /** How often each instance reloads the roles and bindings, to see what another instance changed. */
    @WithDefault("5s")
    Duration refreshInterval();
}
