package io.certpipe.common.signer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long a signer's certificates live: {@code maximum} caps {@code spec.expirationSeconds}, and a request that asks
 * for nothing gets {@code default} (the maximum when absent, as Kubernetes' {@code --cluster-signing-duration}).
 */
public record Lifetime(Duration maximum, @JsonProperty("default") Duration defaultLifetime) {

    /** Kubernetes' floor for {@code spec.expirationSeconds}: no certificate is meant to live shorter. */
    public static final Duration MINIMUM = Duration.ofSeconds(600);

    public Lifetime {
        defaultLifetime = defaultLifetime == null ? maximum : defaultLifetime;
    }

    /** The same maximum and default. */
    public static Lifetime of(Duration maximum) {
        return new Lifetime(maximum, maximum);
    }

    /** The lifetime a request gets: what it asked for, capped at the maximum, or the default. */
    public Duration grantedFor(Integer expirationSeconds) {
        if (expirationSeconds == null) {
            return defaultLifetime;
        }
        Duration requested = Duration.ofSeconds(expirationSeconds);
        return requested.compareTo(maximum) < 0 ? requested : maximum;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (maximum == null) {
            problems.add("lifetime.maximum: required");
            return problems;
        }
        if (maximum.compareTo(MINIMUM) < 0) {
            problems.add("lifetime.maximum: " + maximum + " is below the minimum of " + MINIMUM);
        } else if (defaultLifetime.compareTo(MINIMUM) < 0 || defaultLifetime.compareTo(maximum) > 0) {
            problems.add("lifetime.default: " + defaultLifetime + " must lie between " + MINIMUM + " and the maximum");
        }
        return problems;
    }
}
