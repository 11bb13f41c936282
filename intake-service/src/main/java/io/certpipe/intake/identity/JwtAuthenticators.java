package io.certpipe.intake.identity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.certpipe.common.config.YamlErrors;
import io.certpipe.intake.tenancy.Clusters;
import io.certpipe.intake.tenancy.IntakeConfig;
import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;

/**
 * Each cluster's OIDC issuers, as kube-apiserver's structured authentication configuration declares them
 * ({@code apiserver.config.k8s.io/v1beta1 AuthenticationConfiguration}, its {@code jwt} list), one file per cluster:
 * {@code <certpipe.intake.authentication-directory>/<cluster>.yaml}. A cluster without a file takes no bearer token,
 * so a token trusted by one cluster never logs in to another that does not name its issuer. Read at start (not at the
 * first token): a file that cannot be used stops intake there.
 */
@Startup
@ApplicationScoped
public class JwtAuthenticators {

    static final String API_VERSION = "apiserver.config.k8s.io/v1beta1";
    static final String KIND = "AuthenticationConfiguration";
    private static final Logger LOG = Logger.getLogger(JwtAuthenticators.class);
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** One file: the fields certpipe reads of Kubernetes' type; any other is refused, not ignored. */
    record AuthenticationConfiguration(String apiVersion, String kind, List<JwtAuthenticator> jwt) {
    }

    /** One issuer a cluster trusts, and how its tokens' claims name users and groups. */
    public record JwtAuthenticator(Issuer issuer, ClaimMappings claimMappings) {
    }

    /**
     * The issuer's URL (its {@code iss}, and where its discovery document is) and the audiences accepted; with more
     * than one, Kubernetes asks {@code audienceMatchPolicy: MatchAny} to say that any one of them will do.
     */
    public record Issuer(String url, List<String> audiences, String audienceMatchPolicy) {
    }

    static final String MATCH_ANY = "MatchAny";

    public record ClaimMappings(PrefixedClaim username, PrefixedClaim groups) {
    }

    /** A claim and the prefix its values get ({@code oidc:}), so OIDC names never pass for other users or groups. */
    public record PrefixedClaim(String claim, String prefix) {

        String prefixed(String value) {
            return (prefix == null ? "" : prefix) + value;
        }
    }

    private final Map<String, List<JwtAuthenticator>> byCluster;

    public JwtAuthenticators(IntakeConfig config, Clusters clusters) {
        this.byCluster = load(config.authenticationDirectory(), clusters.names());
    }

    /** The issuers {@code cluster} trusts, in the order its file lists them; empty when it takes no bearer token. */
    public List<JwtAuthenticator> of(String cluster) {
        return byCluster.getOrDefault(cluster, List.of());
    }

    private static Map<String, List<JwtAuthenticator>> load(Optional<Path> directory, List<String> clusters) {
        Map<String, List<JwtAuthenticator>> loaded = new LinkedHashMap<>();
        if (directory.isEmpty()) {
            return loaded;
        }
        for (String cluster : clusters) {
            Path file = directory.get().resolve(cluster + ".yaml");
            if (Files.isRegularFile(file)) {
                loaded.put(cluster, read(file));
                LOG.infof("cluster %s: bearer tokens of %s", cluster, loaded.get(cluster).stream()
                        .map(authenticator -> authenticator.issuer().url()).toList());
            }
        }
        return loaded;
    }

    static List<JwtAuthenticator> read(Path file) {
        AuthenticationConfiguration configuration;
        try {
            configuration = YAML.readValue(file.toFile(), AuthenticationConfiguration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(YamlErrors.describe("the authentication configuration " + file, e), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the authentication configuration " + file, e);
        }
        List<String> problems = problems(configuration);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the authentication configuration " + file + " is invalid: "
                    + String.join("; ", problems));
        }
        return List.copyOf(configuration.jwt());
    }

    /** What kube-apiserver would refuse too, and what certpipe cannot honour. */
    static List<String> problems(AuthenticationConfiguration configuration) {
        List<String> problems = new ArrayList<>();
        if (!API_VERSION.equals(configuration.apiVersion()) || !KIND.equals(configuration.kind())) {
            problems.add("it is a " + configuration.apiVersion() + " " + configuration.kind() + ", not a "
                    + API_VERSION + " " + KIND);
        }
        List<JwtAuthenticator> jwt = configuration.jwt() == null ? List.of() : configuration.jwt();
        if (jwt.isEmpty()) {
            problems.add("jwt: Required value: at least one issuer");
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < jwt.size(); i++) {
            String field = "jwt[" + i + "]";
            JwtAuthenticator authenticator = jwt.get(i);
            Issuer issuer = authenticator.issuer();
            if (issuer == null || issuer.url() == null) {
                problems.add(field + ".issuer.url: Required value");
            } else {
                String problem = issuerUrlProblem(issuer.url());
                if (problem != null) {
                    problems.add(field + ".issuer.url: Invalid value: \"" + issuer.url() + "\": " + problem);
                }
                if (urls.contains(issuer.url())) {
                    problems.add(field + ".issuer.url: Duplicate value: \"" + issuer.url() + "\"");
                }
                urls.add(issuer.url());
                if (issuer.audiences() == null || issuer.audiences().isEmpty()) {
                    problems.add(field + ".issuer.audiences: Required value: at least one audience");
                } else if (issuer.audiences().size() > 1 && !MATCH_ANY.equals(issuer.audienceMatchPolicy())) {
                    problems.add(field + ".issuer.audienceMatchPolicy: Invalid value: \""
                            + issuer.audienceMatchPolicy() + "\": must be MatchAny for multiple audiences");
                } else if (issuer.audienceMatchPolicy() != null && !MATCH_ANY.equals(issuer.audienceMatchPolicy())) {
                    problems.add(field + ".issuer.audienceMatchPolicy: Unsupported value: \""
                            + issuer.audienceMatchPolicy() + "\": supported values: \"MatchAny\"");
                }
            }
            ClaimMappings mappings = authenticator.claimMappings();
            if (mappings == null || mappings.username() == null || blank(mappings.username().claim())) {
                problems.add(field + ".claimMappings.username.claim: Required value");
            }
            if (mappings != null && mappings.groups() != null && blank(mappings.groups().claim())) {
                problems.add(field + ".claimMappings.groups.claim: Required value when groups are mapped");
            }
        }
        return problems;
    }

    /**
     * Kubernetes requires https for an issuer; certpipe allows plain http only on the loopback interface, where a
     * local Keycloak in development mode listens and nothing on the network can alter its keys.
     */
    private static String issuerUrlProblem(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a URL";
        }
        if ("https".equals(uri.getScheme())) {
            return uri.getHost() == null ? "no host" : null;
        }
        if ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())) {
            return null;
        }
        return "must be an https URL (http only on 127.0.0.1 or localhost)";
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
