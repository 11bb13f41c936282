package io.certpipe.intake.csr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.certpipe.intake.kube.ApiException;

/**
 * The {@code fieldSelector} and {@code labelSelector} of a list: field equality on {@code metadata.name} and
 * {@code spec.signerName}; label equality, inequality, existence and set membership.
 */
public final class CsrSelector {

    private static final Map<String, Function<StoredCsr, String>> FIELDS = Map.of(
            "metadata.name", StoredCsr::name,
            "spec.signerName", StoredCsr::signerName);

    private static final Pattern EQUALITY = Pattern.compile("^\\s*([^!=\\s]+)\\s*(==|=|!=)\\s*(\\S*)\\s*$");
    private static final Pattern SET = Pattern.compile("^\\s*(\\S+)\\s+(in|notin)\\s*\\((.*)\\)\\s*$");
    private static final Pattern EXISTS = Pattern.compile("^\\s*(!?)\\s*([^!=\\s()]+)\\s*$");

    private CsrSelector() {
    }

    public static Predicate<StoredCsr> of(String fieldSelector, String labelSelector) {
        return fields(fieldSelector).and(labels(labelSelector));
    }

    static Predicate<StoredCsr> fields(String selector) {
        Predicate<StoredCsr> all = csr -> true;
        for (String term : terms(selector)) {
            Matcher equality = EQUALITY.matcher(term);
            if (!equality.matches()) {
                throw ApiException.badRequest("invalid field selector: \"" + term + "\"");
            }
            Function<StoredCsr, String> field = FIELDS.get(equality.group(1));
            if (field == null) {
                throw ApiException.badRequest("field label not supported: " + equality.group(1));
            }
            String value = equality.group(3);
            boolean equal = !equality.group(2).equals("!=");
            all = all.and(csr -> value.equals(field.apply(csr)) == equal);
        }
        return all;
    }

    static Predicate<StoredCsr> labels(String selector) {
        Predicate<StoredCsr> all = csr -> true;
        for (String term : terms(selector)) {
            all = all.and(labelTerm(term));
        }
        return all;
    }

    private static Predicate<StoredCsr> labelTerm(String term) {
        Matcher set = SET.matcher(term);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Arrays.stream(set.group(3).split(",")).map(String::trim)
                    .collect(Collectors.toSet());
            boolean in = set.group(2).equals("in");
            return csr -> csr.labels().containsKey(key) ? values.contains(csr.labels().get(key)) == in : !in;
        }
        Matcher equality = EQUALITY.matcher(term);
        if (equality.matches()) {
            String key = equality.group(1);
            String value = equality.group(3);
            if (equality.group(2).equals("!=")) {
                return csr -> !value.equals(csr.labels().get(key));
            }
            return csr -> value.equals(csr.labels().get(key));
        }
        Matcher exists = EXISTS.matcher(term);
        if (exists.matches()) {
            String key = exists.group(2);
            boolean present = exists.group(1).isEmpty();
            return csr -> csr.labels().containsKey(key) == present;
        }
        throw ApiException.badRequest("unable to parse requirement: invalid label selector: \"" + term + "\"");
    }

    /** The comma-separated terms of a selector; commas inside {@code (...)} belong to a set. */
    private static List<String> terms(String selector) {
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
