package io.certpipe.console.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.console.ConsoleConfig;
import io.quarkus.credentials.CredentialsProvider;

/**
 * The console's OIDC client secret, read from the file ./certpipe writes ({@code certpipe.console.oidc.client-secret-
 * file}) rather than from configuration, so it appears in no environment, command line or properties file.
 * quarkus-oidc asks for it under {@link #KEY} (application.properties); quarkus-oidc also derives the session cookie's
 * encryption key from it.
 */
@ApplicationScoped
public class ClientSecretFile implements CredentialsProvider {

    /** The key quarkus-oidc reads the secret under ({@code quarkus.oidc.credentials.client-secret.provider.key}). */
    public static final String KEY = "client-secret";

    private final ConsoleConfig.Oidc oidc;

    public ClientSecretFile(ConsoleConfig config) {
        this.oidc = config.oidc();
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        return Map.of(KEY, secret());
    }

    /** The secret, for the calls the console makes to the provider itself (sign-out). */
    public String secret() {
        try {
            return Files.readString(oidc.clientSecretFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's OIDC client secret from "
                    + oidc.clientSecretFile(), e);
        }
    }
}
