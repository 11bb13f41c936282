package io.certpipe.common.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.event.CsrSnapshot;

/**
 * What a request must meet for a policy to permit it ({@code spec.constraints}): every constraint given must hold,
 * and an absent one does not constrain. Each is documented on its own type; two are plain values:
 * <ul>
 * <li>{@code maxExpirationSeconds}: the most {@code spec.expirationSeconds} a request may ask for. A request that asks
 * for none gets its signer's default lifetime and is not judged by it: signing-service caps every lifetime by the
 * signer's profile anyway.
 * <li>{@code requesterAccess}: actions the requester must be allowed by the cluster's RBAC ({@link AccessRule}).
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Constraints(
        SubjectConstraint subject,
        DnsNameConstraint dnsNames,
        NameConstraint ipAddresses,
        NameConstraint emailAddresses,
        NameConstraint uris,
        SubjectAlternativeNamesConstraint subjectAlternativeNames,
        UsageConstraint usages,
        Integer maxExpirationSeconds,
        KeyConstraint keys,
        List<AccessRule> requesterAccess) {

    static final String FIELD = "spec.constraints";
    private static final String REQUESTER_ACCESS = "requesterAccess";

    /** No constraint: every selected request is permitted. */
    public static final Constraints NONE = builder().build();

    public Constraints {
        requesterAccess = requesterAccess == null ? List.of() : List.copyOf(requesterAccess);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fields of the constraints this policy sets, in the order they are checked. */
    List<String> names() {
        List<String> names = new ArrayList<>(given().keySet());
        if (!requesterAccess.isEmpty()) {
            names.add(REQUESTER_ACCESS);
        }
        return names;
    }

    void check(CandidateRequest request, List<BrokenConstraint> broken) {
        given().forEach((name, constraint) -> constraint.check(request, FIELD + "." + name, broken));
    }

    /** The questions {@code requesterAccess} asks about the requester of {@code csr}. */
    List<AccessCheck> accessChecks(CsrSnapshot csr) {
        return requesterAccess.stream().map(rule -> rule.checkFor(csr)).toList();
    }

    /**
     * Adds a broken constraint for each action the cluster does not allow the requester of {@code csr}, and returns
     * the questions {@code answers} has no answer to.
     */
    List<AccessCheck> checkRequesterAccess(CsrSnapshot csr, AccessAnswers answers, List<BrokenConstraint> broken) {
        List<AccessCheck> unanswered = new ArrayList<>();
        List<AccessCheck> checks = accessChecks(csr);
        for (int i = 0; i < checks.size(); i++) {
            AccessCheck check = checks.get(i);
            Optional<Boolean> allowed = answers.allows(check);
            if (allowed.isEmpty()) {
                unanswered.add(check);
            } else if (!allowed.get()) {
                broken.add(new BrokenConstraint(FIELD + "." + REQUESTER_ACCESS + "[" + i + "]", "the requester \""
                        + check.user() + "\" may not " + check.action()));
            }
        }
        return unanswered;
    }

    void addProblems(List<FieldProblem> problems) {
        given().forEach((name, constraint) -> constraint.addProblems(FIELD + "." + name, problems));
        for (int i = 0; i < requesterAccess.size(); i++) {
            requesterAccess.get(i).addProblems(FIELD + "." + REQUESTER_ACCESS + "[" + i + "]", problems);
        }
    }

    /** The constraints set on the request itself, by field name: the one list that checks and validation walk. */
    private Map<String, Constraint> given() {
        Map<String, Constraint> given = new LinkedHashMap<>();
        putIfSet(given, "subject", subject);
        putIfSet(given, "dnsNames", dnsNames);
        putIfSet(given, "ipAddresses", ipAddresses == null ? null : ipAddresses.on(NameKind.IP_ADDRESSES));
        putIfSet(given, "emailAddresses", emailAddresses == null ? null
                : emailAddresses.on(NameKind.EMAIL_ADDRESSES));
        putIfSet(given, "uris", uris == null ? null : uris.on(NameKind.URIS));
        putIfSet(given, "subjectAlternativeNames", subjectAlternativeNames);
        putIfSet(given, "usages", usages);
        putIfSet(given, "maxExpirationSeconds", maxExpirationSeconds == null ? null
                : new ExpirationLimit(maxExpirationSeconds));
        putIfSet(given, "keys", keys);
        return given;
    }

    private static void putIfSet(Map<String, Constraint> given, String name, Constraint constraint) {
        if (constraint != null) {
            given.put(name, constraint);
        }
    }

    private record ExpirationLimit(int maxSeconds) implements Constraint {

        @Override
        public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
            Integer asked = request.csr().expirationSeconds();
            if (asked != null && asked > maxSeconds) {
                broken.add(new BrokenConstraint(field, "expirationSeconds " + asked + " is more than " + maxSeconds));
            }
        }

        @Override
        public void addProblems(String field, List<FieldProblem> problems) {
            if (maxSeconds <= 0) {
                problems.add(new FieldProblem(field, "must be positive"));
            }
        }
    }

    /** Constraints by field name, for policies written in Java (the built-in ones, tests). */
    public static final class Builder {

        private SubjectConstraint subject;
        private DnsNameConstraint dnsNames;
        private NameConstraint ipAddresses;
        private NameConstraint emailAddresses;
        private NameConstraint uris;
        private SubjectAlternativeNamesConstraint subjectAlternativeNames;
        private UsageConstraint usages;
        private Integer maxExpirationSeconds;
        private KeyConstraint keys;
        private List<AccessRule> requesterAccess;

        private Builder() {
        }

        public Builder subject(SubjectConstraint subject) {
            this.subject = subject;
            return this;
        }

        public Builder dnsNames(DnsNameConstraint dnsNames) {
            this.dnsNames = dnsNames;
            return this;
        }

        public Builder ipAddresses(NameConstraint ipAddresses) {
            this.ipAddresses = ipAddresses;
            return this;
        }

        public Builder emailAddresses(NameConstraint emailAddresses) {
            this.emailAddresses = emailAddresses;
            return this;
        }

        public Builder uris(NameConstraint uris) {
            this.uris = uris;
            return this;
        }

        public Builder subjectAlternativeNames(SubjectAlternativeNamesConstraint subjectAlternativeNames) {
            this.subjectAlternativeNames = subjectAlternativeNames;
            return this;
        }

        public Builder usages(UsageConstraint usages) {
            this.usages = usages;
            return this;
        }

        public Builder maxExpirationSeconds(Integer maxExpirationSeconds) {
            this.maxExpirationSeconds = maxExpirationSeconds;
            return this;
        }

        public Builder keys(KeyConstraint keys) {
            this.keys = keys;
            return this;
        }

        public Builder requesterAccess(List<AccessRule> requesterAccess) {
            this.requesterAccess = requesterAccess;
            return this;
        }

        public Constraints build() {
            return new Constraints(subject, dnsNames, ipAddresses, emailAddresses, uris, subjectAlternativeNames,
                    usages, maxExpirationSeconds, keys, requesterAccess);
        }
    }
}
