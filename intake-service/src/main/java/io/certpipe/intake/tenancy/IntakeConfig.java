package io.certpipe.intake.tenancy;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** intake's own settings. */
@ConfigMapping(prefix = "certpipe.intake")
public interface IntakeConfig {

    /**
     * The logical clusters intake serves, each under {@code /clusters/<name>}. Requests, revisions and events of one
     * cluster never mix with another's.
     */
    @WithDefault("default")
    List<String> clusters();
}
