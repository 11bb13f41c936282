package io.certpipe.common.signer;

import java.util.ArrayList;
import java.util.List;

import io.certpipe.common.csr.ParsedRequest;

/**
 * Which subject alternative names a request may carry. Names are closed by default, because they are the identity a
 * relying party checks: a signer issues only the DNS names its patterns cover ({@link DnsNames}; {@code **} is any
 * host name) and the IP addresses inside its ranges (CIDR; {@code 0.0.0.0/0} and {@code ::/0} are all of them), and
 * e-mail addresses, URIs and wildcard DNS names only when it says so. With {@code atLeastOneRequired} a request
 * without any alternative name is refused.
 */
public record AlternativeNameRules(
        List<String> dnsNames,
        List<String> ipRanges,
        boolean emailAddressesAllowed,
        boolean urisAllowed,
        boolean wildcardsAllowed,
        boolean atLeastOneRequired) {

    /** No alternative name at all. */
    public static final AlternativeNameRules NONE = new AlternativeNameRules(List.of(), List.of(), false, false,
            false, false);

    /** Any alternative name of any kind. */
    public static final AlternativeNameRules ANY = new AlternativeNameRules(List.of(DnsNames.ANY),
            List.of(IpRange.ANY_IPV4, IpRange.ANY_IPV6), true, true, true, false);

    public AlternativeNameRules {
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ipRanges = ipRanges == null ? List.of() : List.copyOf(ipRanges);
    }

    void check(ParsedRequest request, List<Violation> violations) {
        for (String name : request.dnsNames()) {
            checkDnsName(name, violations);
        }
        List<IpRange> ranges = ipRanges.stream().map(IpRange::parse).toList();
        for (String address : request.ipAddresses()) {
            if (ranges.stream().noneMatch(range -> range.contains(address))) {
                violations.add(new Violation(Violation.Reason.IP_ADDRESS_NOT_PERMITTED, ipRanges.isEmpty()
                        ? "IP address subject alternative names are not allowed"
                        : "IP address " + address + " is not permitted (permitted: " + String.join(", ", ipRanges)
                                + ")"));
            }
        }
        if (!emailAddressesAllowed && !request.emailAddresses().isEmpty()) {
            violations.add(new Violation(Violation.Reason.EMAIL_ADDRESS_NOT_PERMITTED,
                    "email subject alternative names are not allowed"));
        }
        if (!urisAllowed && !request.uris().isEmpty()) {
            violations.add(new Violation(Violation.Reason.URI_NOT_PERMITTED,
                    "URI subject alternative names are not allowed"));
        }
        if (atLeastOneRequired && !request.hasSubjectAlternativeNames()) {
            violations.add(new Violation(Violation.Reason.ALTERNATIVE_NAME_REQUIRED,
                    "at least one subject alternative name (" + String.join(" or ", permittedKinds())
                            + ") is required"));
        }
    }

    private void checkDnsName(String name, List<Violation> violations) {
        String malformed = DnsNames.problemWith(name, true);
        if (malformed != null) {
            violations.add(new Violation(Violation.Reason.DNS_NAME_NOT_PERMITTED,
                    "DNS name \"" + name + "\" is not a valid host name: it " + malformed));
        } else if (DnsNames.isWildcard(name) && !wildcardsAllowed) {
            violations.add(new Violation(Violation.Reason.WILDCARD_NOT_PERMITTED,
                    "wildcard DNS name \"" + name + "\" is not allowed"));
        } else if (dnsNames.stream().noneMatch(pattern -> DnsNames.matches(pattern, name))) {
            violations.add(new Violation(Violation.Reason.DNS_NAME_NOT_PERMITTED, dnsNames.isEmpty()
                    ? "DNS subject alternative names are not allowed"
                    : "DNS name \"" + name + "\" is not permitted (permitted: " + String.join(", ", dnsNames) + ")"));
        }
    }

    private List<String> permittedKinds() {
        List<String> kinds = new ArrayList<>();
        if (!dnsNames.isEmpty()) {
            kinds.add("DNS name");
        }
        if (!ipRanges.isEmpty()) {
            kinds.add("IP address");
        }
        if (emailAddressesAllowed) {
            kinds.add("email address");
        }
        if (urisAllowed) {
            kinds.add("URI");
        }
        return kinds;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String pattern : dnsNames) {
            String problem = DnsNames.patternProblem(pattern);
            if (problem != null) {
                problems.add("subjectAlternativeNames.dnsNames: pattern \"" + pattern + "\": " + problem);
            }
        }
        for (String range : ipRanges) {
            try {
                IpRange.parse(range);
            } catch (IllegalArgumentException e) {
                problems.add("subjectAlternativeNames.ipRanges: " + e.getMessage());
            }
        }
        if (atLeastOneRequired && permittedKinds().isEmpty()) {
            problems.add("subjectAlternativeNames: a name is required but no kind of name is permitted");
        }
        return problems;
    }
}
