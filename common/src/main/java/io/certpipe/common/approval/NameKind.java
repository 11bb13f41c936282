package io.certpipe.common.approval;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.signer.DnsNames;
import io.certpipe.common.signer.IpRange;

/**
 * The kinds of subject alternative name a policy constrains, each with its own pattern language: {@link DnsNames}
 * patterns for DNS names, CIDR blocks ({@link IpRange}) for IP addresses, {@link Glob}s for e-mail addresses and URIs.
 * What a constraint on any kind means is written once here.
 */
enum NameKind {

    DNS_NAMES("DNS name", "DNS names", ParsedRequest::dnsNames, DnsNames::matches,
            pattern -> DnsNames.patternProblem(DnsNameConstraint.withSampleNode(pattern))),
    IP_ADDRESSES("IP address", "IP addresses", ParsedRequest::ipAddresses,
            (range, address) -> IpRange.parse(range).contains(address), NameKind::rangeProblem),
    EMAIL_ADDRESSES("email address", "email addresses", ParsedRequest::emailAddresses, Glob::matches,
            Glob::problemWith),
    URIS("URI", "URIs", ParsedRequest::uris, Glob::matches, Glob::problemWith);

    private final String one;
    private final String many;
    private final Function<ParsedRequest, List<String>> namesIn;
    private final BiPredicate<String, String> matches;
    private final UnaryOperator<String> patternProblem;

    NameKind(String one, String many, Function<ParsedRequest, List<String>> namesIn,
            BiPredicate<String, String> matches, UnaryOperator<String> patternProblem) {
        this.one = one;
        this.many = many;
        this.namesIn = namesIn;
        this.matches = matches;
        this.patternProblem = patternProblem;
    }

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
                if (allowed.stream().noneMatch(pattern -> matches.test(pattern, name))) {
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
            FieldProblem.checkEach(field + ".allowed", allowed, patternProblem, problems);
        }
        if (maxCount != null && maxCount < 0) {
            problems.add(new FieldProblem(field + ".maxCount", "must not be negative"));
        }
        if (required && ((maxCount != null && maxCount == 0) || (allowed != null && allowed.isEmpty()))) {
            problems.add(new FieldProblem(field + ".required", "a name is required but none is permitted"));
        }
    }

    private static String rangeProblem(String range) {
        try {
            IpRange.parse(range);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
