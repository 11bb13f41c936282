package io.certpipe.common.approval;

import java.util.List;
import java.util.function.Function;

import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.signer.DnsNames;
import io.certpipe.common.signer.IpRange;

/**
 * The kinds of subject alternative name a policy constrains, each with its own pattern language: {@link DnsNames}
 * patterns for DNS names, CIDR blocks ({@link IpRange}) for IP addresses, {@link Glob}s for e-mail addresses and URIs.
 * What a constraint on any kind means is written once here.
 */
enum NameKind {

    DNS_NAMES("DNS name", "DNS names", ParsedRequest::dnsNames) {
        @Override
        boolean matches(String pattern, String name) {
            return DnsNames.matches(pattern, name);
        }

        @Override
        String patternProblem(String pattern) {
            return DnsNames.patternProblem(DnsNameConstraint.withSampleNode(pattern));
        }
    },
    IP_ADDRESSES("IP address", "IP addresses", ParsedRequest::ipAddresses) {
        @Override
        boolean matches(String pattern, String address) {
            return IpRange.parse(pattern).contains(address);
        }

        @Override
        String patternProblem(String pattern) {
            try {
                IpRange.parse(pattern);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    },
    EMAIL_ADDRESSES("email address", "email addresses", ParsedRequest::emailAddresses) {
        @Override
        boolean matches(String pattern, String address) {
            return Glob.matches(pattern, address);
        }

        @Override
        String patternProblem(String pattern) {
            return Glob.problemWith(pattern);
        }
    },
    URIS("URI", "URIs", ParsedRequest::uris) {
        @Override
        boolean matches(String pattern, String uri) {
            return Glob.matches(pattern, uri);
        }

        @Override
        String patternProblem(String pattern) {
            return Glob.problemWith(pattern);
        }
    };

    private final String one;
    private final String many;
    private final Function<ParsedRequest, List<String>> namesIn;

    NameKind(String one, String many, Function<ParsedRequest, List<String>> namesIn) {
        this.one = one;
        this.many = many;
        this.namesIn = namesIn;
    }

    abstract boolean matches(String pattern, String value);

    /** Why {@code pattern} is no usable pattern of this kind, or null when it is one. */
    abstract String patternProblem(String pattern);

    /**
     * Adds what the names of this kind in {@code request} break: a name no pattern of {@code allowed} covers (absent
     * {@code allowed}: any name), more than {@code maxCount} names (absent: any number), none although
     * {@code required}.
     */
    void check(ParsedRequest request, List<String> allowed, Integer maxCount, boolean required, String field,
            List<BrokenConstraint> broken) {
        List<String> names = namesIn.apply(request);
        if (allowed != null) {
            for (String name : names) {
                if (allowed.stream().noneMatch(pattern -> matches(pattern, name))) {
                    broken.add(BrokenConstraint.notPermitted(field + ".allowed", one + " \"" + name + "\"",
                            allowed));
                }
            }
        }
        if (maxCount != null && names.size() > maxCount) {
            broken.add(new BrokenConstraint(field + ".maxCount", names.size() + " " + many
                    + " requested, at most " + maxCount + " permitted"));
        }
        if (required && names.isEmpty()) {
            broken.add(new BrokenConstraint(field + ".required", "at least one " + one + " is required"));
        }
    }

    void addProblems(List<String> allowed, Integer maxCount, boolean required, String field,
            List<FieldProblem> problems) {
        if (allowed != null) {
            FieldProblem.checkEach(field + ".allowed", allowed, this::patternProblem, problems);
        }
        if (maxCount != null && maxCount < 0) {
            problems.add(new FieldProblem(field + ".maxCount", "must not be negative"));
        }
        if (required && ((maxCount != null && maxCount == 0) || (allowed != null && allowed.isEmpty()))) {
            problems.add(new FieldProblem(field + ".required", "a name is required but none is permitted"));
        }
    }
}
