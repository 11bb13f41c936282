package io.certpipe.common.signer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host names as certificates carry them (RFC 5280 4.2.1.6, RFC 1123 "preferred name syntax"), and the patterns a signer
 * permits them with. A pattern is an exact name ({@code api.example.com}), one or more {@code *.} plus a domain (exactly
 * one label in the place of each: {@code *.example.com} covers {@code a.example.com}, not {@code a.b.example.com};
 * {@code *.*.svc} covers a Kubernetes service's {@code <service>.<namespace>.svc} and nothing longer or shorter),
 * {@code **.} plus a domain (one or more labels), a name plus {@code .**} (the name followed by one or more labels:
 * {@code n1.**} covers {@code n1.example.com} and {@code n1.a.example.com}, not {@code n1} nor {@code n10.example.com};
 * approval policies write a node's host names as {@code ${node}.**}), or {@code **} alone (any host name). Matching
 * ignores case.
 */
public final class DnsNames {

    /** Any host name, as a pattern. */
    public static final String ANY = "**";

    private static final String ONE_LABEL = "*";
    private static final String ONE_OR_MORE_LABELS = "**";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    private DnsNames() {
    }

    /** Why {@code name} is not a host name a certificate may carry, or null when it is one. */
    public static String problemWith(String name, boolean wildcardAllowed) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return "must be 1 to " + MAX_NAME_LENGTH + " characters long";
        }
        List<String> labels = labels(name);
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (i == 0 && label.equals(ONE_LABEL)) {
                if (!wildcardAllowed) {
                    return "is a wildcard name";
                }
                if (labels.size() < 3) {
                    return "is a wildcard directly below a top-level domain";
                }
                continue;
            }
            if (!LABEL.matcher(label).matches()) {
                return "has the label '" + label + "': labels are 1 to 63 letters, digits or '-', "
                        + "and neither start nor end with '-'";
            }
        }
        return null;
    }

    /** Whether {@code name} is a wildcard name ({@code *.example.com}). */
    public static boolean isWildcard(String name) {
        return name.startsWith(ONE_LABEL + ".");
    }

    /** Why {@code pattern} is not a usable pattern, or null when it is one. */
    public static String patternProblem(String pattern) {
        if (pattern.equals(ANY)) {
            return null;
        }
        String name;
        if (pattern.startsWith(ONE_OR_MORE_LABELS + ".")) {
            name = pattern.substring(ONE_OR_MORE_LABELS.length() + 1);
        } else if (pattern.endsWith("." + ONE_OR_MORE_LABELS)) {
            name = pattern.substring(0, pattern.length() - ONE_OR_MORE_LABELS.length() - 1);
        } else {
            name = String.join(".", withoutLeadingWildcards(labels(pattern)));
        }
        String problem = problemWith(name, false);
        return problem == null ? null : "'" + name + "' " + problem;
    }

    /**
     * Whether {@code pattern} covers {@code name}. A requested wildcard name is matched label by label like any other
     * name, so {@code *.example.com} covers the name {@code *.example.com} and {@code **.example.com} covers
     * {@code *.apps.example.com}.
     */
    public static boolean matches(String pattern, String name) {
        if (pattern.equals(ANY)) {
            return true;
        }
        List<String> patternLabels = labels(pattern.toLowerCase(Locale.ROOT));
        List<String> nameLabels = labels(name.toLowerCase(Locale.ROOT));
        if (patternLabels.get(0).equals(ONE_OR_MORE_LABELS)) {
            List<String> domain = patternLabels.subList(1, patternLabels.size());
            return nameLabels.size() > domain.size() && endsWith(nameLabels, domain);
        }
        if (patternLabels.getLast().equals(ONE_OR_MORE_LABELS)) {
            List<String> prefix = patternLabels.subList(0, patternLabels.size() - 1);
            return nameLabels.size() > prefix.size() && nameLabels.subList(0, prefix.size()).equals(prefix);
        }
        // Each leading '*' stands for exactly one label, so an exact name is the case without any.
        return nameLabels.size() == patternLabels.size()
                && endsWith(nameLabels, withoutLeadingWildcards(patternLabels));
    }

    private static List<String> withoutLeadingWildcards(List<String> labels) {
        int wildcards = 0;
        while (wildcards < labels.size() - 1 && labels.get(wildcards).equals(ONE_LABEL)) {
            wildcards++;
        }
        return labels.subList(wildcards, labels.size());
    }

    private static boolean endsWith(List<String> labels, List<String> suffix) {
        return labels.subList(labels.size() - suffix.size(), labels.size()).equals(suffix);
    }

    private static List<String> labels(String name) {
        return List.of(name.split("\\.", -1));
    }
}
