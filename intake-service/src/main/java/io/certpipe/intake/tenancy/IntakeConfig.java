package io.certpipe.intake.tenancy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** intake's own settings. */
@ConfigMapping(prefix = "certpipe.intake")
public interface IntakeConfig {

    /**
     * The logical clusters intake serves, each under {@code /clusters/<name>}, when no {@link #clustersFile()} is
     * given. Requests, revisions, roles and events of one cluster never mix with another's.
     */
    @WithDefault("default")
    List<String> clusters();

    /**
     * The clusters file {@code ./certpipe cluster add} maintains ({@code clusters: [{name: ..., clientCA: ...}]});
     * when present it replaces {@link #clusters()}. Read at start.
     */
    Optional<Path> clustersFile();

    /**
     * Where a cluster's client CA certificates are when its entry names none: {@code <dir>/<cluster>/client-ca.crt}.
     * A client certificate logs in to a cluster only if one of that cluster's client CAs issued it.
     */
    Path clientCaDirectory();

    /**
     * Where each cluster's OIDC issuers are declared, in kube-apiserver's structured authentication format:
     * {@code <dir>/<cluster>.yaml} (docs/operations.md). A cluster without a file takes client certificates only.
     */
    Optional<Path> authenticationDirectory();
}
