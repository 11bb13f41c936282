package io.certpipe.console;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whom the console trusts for sign-in and how it reaches intake's API. application.properties hands the OIDC
 * settings on to quarkus-oidc from here, so each default has this one home; ports and the serving certificate are
 * Quarkus' own settings, set there.
 */
@ConfigMapping(prefix = "certpipe.console")
public interface ConsoleConfig {

    /**
     * The clusters file ./certpipe maintains ({@code clusters: [{name: ...}]}): the clusters whose requests the
     * console offers. Read on every list, so a cluster added while the console runs shows up without a restart.
     */
    Path clustersFile();

    /** How the console reaches intake's API, always as the signed-in user. */
    Intake intake();

    /** Sign-in through the OpenID Connect provider (Keycloak's realm {@code certpipe}). */
    Oidc oidc();

    interface Intake {

        /** intake's API ({@code https://host:port}, without {@code /clusters/...}). */
        @WithDefault("https://127.0.0.1:6443")
        URI url();

        /** The CA certificate (PEM) that issued intake's serving certificate; the console trusts nothing else there. */
        Path trustedCa();

        /** How long one call to intake's API may take before the page says intake is unavailable. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * How long one watch behind a page's live updates lasts before intake ends it; the browser then reconnects
         * and the console watches again from the last change it passed on (its SSE event id), with a fresh token.
         */
        @WithDefault("5m")
        Duration watchDuration();
    }

    interface Oidc {

        /** The issuer: the realm's URL, as its tokens name it in {@code iss}. */
        @WithDefault("http://127.0.0.1:8180/realms/certpipe")
        URI issuer();

        /** The console's confidential client in that realm. */
        @WithDefault("certpipe-console")
        String clientId();

        /** The file holding that client's secret (the secret alone; a trailing newline is ignored). */
        Path clientSecretFile();
    }
}
