package io.certpipe.kube;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A {@code labelSelector}: equality, inequality, existence and set membership terms, all of which must hold. */
public final class LabelSelector {

    private static final Pattern EQUALITY = Pattern.compile("^\\s*([^!=\\s]+)\\s*(==|=|!=)\\s*(\\S*)\\s*$");
    private static final Pattern SET = Pattern.compile("^\\s*(\\S+)\\s+(in|notin)\\s*\\((.*)\\)\\s*$");
    private static final Pattern EXISTS = Pattern.compile("^\\s*(!?)\\s*([^!=\\s()]+)\\s*$");

    private LabelSelector() {
    }

    public static <T> Predicate<T> parse(String selector, Function<T, Map<String, String>> labelsOf) {
        Predicate<T> all = object -> true;
        for (String term : FieldSelector.SelectorTerms.split(selector)) {
            Predicate<Map<String, String>> matches = term(term);
            all = all.and(object -> matches.test(labelsOf.apply(object)));
        }
        return all;
    }

    private static Predicate<Map<String, String>> term(String term) {
        Matcher set = SET.matcher(term);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Arrays.stream(set.group(3).split(",")).map(String::trim)
                    .collect(Collectors.toSet());
            boolean in = set.group(2).equals("in");
            return labels -> labels.containsKey(key) ? values.contains(labels.get(key)) == in : !in;
        }
        Matcher equality = EQUALITY.matcher(term);
        if (equality.matches()) {
            String key = equality.group(1);
            String value = equality.group(3);
            if (equality.group(2).equals("!=")) {
                return labels -> !value.equals(labels.get(key));
            }
            return labels -> value.equals(labels.get(key));
        }
        Matcher exists = EXISTS.matcher(term);
        if (exists.matches()) {
            String key = exists.group(2);
            boolean present = exists.group(1).isEmpty();
            return labels -> labels.containsKey(key) == present;
        }
        throw ApiException.badRequest("unable to parse requirement: invalid label selector: \"" + term + "\"");
    }
}
