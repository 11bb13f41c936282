package io.certpipe.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code fieldSelector} over the fields a resource supports: comma-separated {@code field=value},
 * {@code field==value} and {@code field!=value} terms, all of which must hold. A field may have several values
 * (a list's elements); equality then means "one of them is".
 */
public final class FieldSelector {

    private static final Pattern TERM = Pattern.compile("^\\s*([^!=\\s]+)\\s*(==|=|!=)\\s*(\\S*)\\s*$");

    private FieldSelector() {
    }

    /** The predicate {@code selector} stands for; an unknown field or a malformed term is a {@code BadRequest}. */
    public static <T> Predicate<T> parse(String selector, Map<String, Function<T, List<String>>> fields) {
        Predicate<T> all = object -> true;
        for (String term : SelectorTerms.split(selector)) {
            Matcher matcher = TERM.matcher(term);
            if (!matcher.matches()) {
                throw ApiException.badRequest("invalid field selector: \"" + term + "\"");
            }
            Function<T, List<String>> field = fields.get(matcher.group(1));
            if (field == null) {
                throw ApiException.badRequest("field label not supported: " + matcher.group(1) + " (supported: "
                        + String.join(", ", new TreeSet<>(fields.keySet())) + ")");
            }
            String value = matcher.group(3);
            boolean equal = !matcher.group(2).equals("!=");
            all = all.and(object -> field.apply(object).contains(value) == equal);
        }
        return all;
    }

    /** The value {@code selector} requires of {@code field} with {@code =} or {@code ==}, if any. */
    public static String requiredValue(String selector, String field) {
        for (String term : SelectorTerms.split(selector)) {
            Matcher matcher = TERM.matcher(term);
            if (matcher.matches() && matcher.group(1).equals(field) && !matcher.group(2).equals("!=")) {
                return matcher.group(3);
            }
        }
        return null;
    }

    /** The terms of a selector: split at commas outside {@code (...)}, which belong to a label set. */
    static final class SelectorTerms {

        private SelectorTerms() {
        }

        static List<String> split(String selector) {
            List<String> terms = new ArrayList<>();
            if (selector == null || selector.isBlank()) {
                return terms;
            }
            int depth = 0;
            int start = 0;
            for (int i = 0; i < selector.length(); i++) {
                char c = selector.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    terms.add(selector.substring(start, i));
                    start = i + 1;
                }
            }
            terms.add(selector.substring(start));
            return terms.stream().filter(term -> !term.isBlank()).toList();
        }
    }
}
