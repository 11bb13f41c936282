package io.certpipe.common.approval;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The patterns of common names, organizations, e-mail addresses and URIs: {@code *} stands for any run of characters
 * (none included), every other character for itself, case included. Plain globs rather than regular expressions, so
 * that a {@code .} in {@code *@example.com} means a dot and no pattern can be written that never finishes.
 */
final class Glob {

    private static final String ANY_CHARACTERS = "*";

    private Glob() {
    }

    static boolean matches(String glob, String value) {
        String regex = Arrays.stream(glob.split(Pattern.quote(ANY_CHARACTERS), -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return Pattern.matches(regex, value);
    }

    /** Why {@code glob} is no usable pattern, or null when it is one. */
    static String problemWith(String glob) {
        if (glob.isEmpty()) {
            return "must not be empty";
        }
        if (glob.contains(DnsNameConstraint.NODE)) {
            return DnsNameConstraint.NODE + " stands for the node's name in dnsNames patterns only";
        }
        return null;
    }
}
