package io.certpipe.common.signer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import io.certpipe.common.csr.KeyUsages;

/**
 * The {@code spec.usages} a signer accepts: every usage must be {@code allowed}, and every {@code required} one must be
 * present (required usages are allowed usages too).
 */
public record UsageRules(List<String> allowed, List<String> required) {

    public UsageRules {
        allowed = allowed == null ? List.of() : List.copyOf(new TreeSet<>(allowed));
        required = required == null ? List.of() : List.copyOf(new TreeSet<>(required));
    }

    void check(Collection<String> usages, List<Violation> violations) {
        for (String usage : new TreeSet<>(usages)) {
            if (!allowed.contains(usage)) {
                violations.add(new Violation(Violation.Reason.USAGE_NOT_PERMITTED,
                        "usage \"" + usage + "\" is not allowed"));
            }
        }
        for (String usage : required) {
            if (!usages.contains(usage)) {
                violations.add(new Violation(Violation.Reason.USAGE_REQUIRED, "usage \"" + usage + "\" is required"));
            }
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (allowed.isEmpty()) {
            problems.add("usages.allowed: a signer must allow at least one usage");
        }
        for (String usage : allowed) {
            if (!KeyUsages.isKnown(usage)) {
                problems.add("usages.allowed: \"" + usage + "\" is not a certificates.k8s.io/v1 usage");
            }
        }
        for (String usage : required) {
            if (!allowed.contains(usage)) {
                problems.add("usages.required: \"" + usage + "\" is required but not allowed");
            }
        }
        return problems;
    }
}
