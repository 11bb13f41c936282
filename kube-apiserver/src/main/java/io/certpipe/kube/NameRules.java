package io.certpipe.kube;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats Kubernetes checks names, keys and label values against, each answering the problems it finds
 * in Kubernetes 1.32's words ({@code k8s.io/apimachinery/pkg/util/validation} and {@code pkg/api/validation/path}),
 * so that a client sees the messages a real API server gives. Lengths count bytes, as Go does.
 */
public final class NameRules {

    private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    private static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_NAME_FORMAT + ")?";
    private static final String LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final int LABEL_VALUE_MAX_LENGTH = 63;
    private static final String DNS_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS_SUBDOMAIN_FORMAT = DNS_LABEL_FORMAT + "(\\." + DNS_LABEL_FORMAT + ")*";
    private static final String DNS_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;
    private static final List<String> NAMES_A_PATH_SEGMENT_MAY_NOT_BE = List.of(".", "..");
    private static final List<String> WHAT_A_PATH_SEGMENT_MAY_NOT_CONTAIN = List.of("/", "%");

    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FORMAT);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_SUBDOMAIN_FORMAT);

    private NameRules() {
    }

    /**
     * How a kind's object names are checked ({@code ValidateNameFunc}): the problems with {@code name}, where
     * {@code prefix} says it is a {@code generateName} that random characters will complete.
     */
    @FunctionalInterface
    public interface NameRule {
        List<String> problems(String name, boolean prefix);
    }

    /**
     * {@code path.ValidatePathSegmentName}: any name that is one URL path segment. kube-apiserver asks no more of any
     * stored object's name, and no more of a CertificateSigningRequest's.
     */
    public static final NameRule PATH_SEGMENT = (name, prefix) -> prefix ? pathSegmentPrefix(name)
            : pathSegment(name);

    /**
     * {@code NameIsDNSSubdomain}, the rule for custom resources' names: a DNS subdomain, and a {@code generateName}
     * one once random characters follow it (so it may end in '-').
     */
    public static final NameRule DNS_SUBDOMAIN_NAME = (name, prefix) -> dnsSubdomain(prefix && name.endsWith("-")
            ? name.substring(0, name.length() - 1) + "a" : name);

    /** {@code IsQualifiedName}: label keys, annotation keys and finalizers, an optional DNS subdomain then '/'. */
    public static List<String> qualifiedName(String value) {
        List<String> problems = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    problems.add("prefix part " + emptyError());
                } else {
                    dnsSubdomain(prefix).forEach(problem -> problems.add("prefix part " + problem));
                }
            }
            default -> {
                return List.of("a qualified name " + regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT,
                        "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. "
                        + "'example.com/MyName')");
            }
        }
        if (name.isEmpty()) {
            problems.add("name part " + emptyError());
        } else if (length(name) > QUALIFIED_NAME_MAX_LENGTH) {
            problems.add("name part " + maxLengthError(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            problems.add("name part " + regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT, "MyName",
                    "my.name", "123-abc"));
        }
        return problems;
    }

    /** {@code IsValidLabelValue}: empty, or at most 63 characters of a qualified name's alphabet. */
    public static List<String> labelValue(String value) {
        List<String> problems = new ArrayList<>();
        if (length(value) > LABEL_VALUE_MAX_LENGTH) {
            problems.add(maxLengthError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            problems.add(regexError(LABEL_VALUE_MESSAGE, LABEL_VALUE_FORMAT, "MyValue", "my_value", "12345"));
        }
        return problems;
    }

    /** {@code IsDNS1123Subdomain}. */
    public static List<String> dnsSubdomain(String value) {
        List<String> problems = new ArrayList<>();
        if (length(value) > DNS_SUBDOMAIN_MAX_LENGTH) {
            problems.add(maxLengthError(DNS_SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS_SUBDOMAIN.matcher(value).matches()) {
            problems.add(regexError(DNS_SUBDOMAIN_MESSAGE, DNS_SUBDOMAIN_FORMAT, "example.com"));
        }
        return problems;
    }

    /** {@code IsValidPathSegmentName}. */
    public static List<String> pathSegment(String name) {
        if (NAMES_A_PATH_SEGMENT_MAY_NOT_BE.contains(name)) {
            return List.of("may not be '" + name + "'");
        }
        return pathSegmentPrefix(name);
    }

    /** {@code IsValidPathSegmentPrefix}: what random characters appended cannot repair. */
    public static List<String> pathSegmentPrefix(String name) {
        return WHAT_A_PATH_SEGMENT_MAY_NOT_CONTAIN.stream().filter(name::contains)
                .map(illegal -> "may not contain '" + illegal + "'").toList();
    }

    private static String regexError(String message, String format, String... examples) {
        StringBuilder text = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(examples[i]).append("', ");
        }
        return text.append("regex used for validation is '").append(format).append("')").toString();
    }

    private static String maxLengthError(int length) {
        return "must be no more than " + length + " characters";
    }

    private static String emptyError() {
        return "must be non-empty";
    }

    private static int length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
