package io.certpipe.common.approval;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrSnapshot;

/**
 * Which requests a policy judges ({@code spec.selector}): a request is selected when each list given matches it; an
 * absent or empty list matches every request.
 *
 * @param signerNames signer names, each exact or {@code <domain>/*} for every signer of that domain
 * @param users requester user names, each exact or ending in {@code *} for every name with that prefix
 *        ({@code system:node:*})
 * @param groups groups of which the requester must be in at least one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Selector(List<String> signerNames, List<String> users, List<String> groups) {

    /** Every request. */
    public static final Selector ALL = new Selector(null, null, null);

    static final String FIELD = "spec.selector";
    private static final String ANY = "*";
    private static final String ANY_SIGNER_OF_DOMAIN = "/" + ANY;

    public Selector {
        signerNames = signerNames == null ? List.of() : List.copyOf(signerNames);
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    boolean selects(CsrSnapshot csr) {
        return emptyOrAnyMatches(signerNames, pattern -> signerMatches(pattern, csr.signerName()))
                && emptyOrAnyMatches(users, pattern -> userMatches(pattern, csr.username()))
                && emptyOrAnyMatches(groups, csr.groups()::contains);
    }

    void addProblems(List<FieldProblem> problems) {
        FieldProblem.checkEach(FIELD + ".signerNames", signerNames, Selector::signerPatternProblem, problems);
        FieldProblem.checkEach(FIELD + ".users", users, Selector::userPatternProblem, problems);
        FieldProblem.checkEach(FIELD + ".groups", groups, group -> group.isEmpty() ? "must not be empty" : null,
                problems);
    }

    private static boolean emptyOrAnyMatches(List<String> entries, Predicate<String> matches) {
        return entries.isEmpty() || entries.stream().anyMatch(matches);
    }

    private static boolean signerMatches(String pattern, String signerName) {
        return pattern.endsWith(ANY_SIGNER_OF_DOMAIN) ? signerName.startsWith(withoutTrailingAny(pattern))
                : pattern.equals(signerName);
    }

    private static boolean userMatches(String pattern, String username) {
        return pattern.endsWith(ANY) ? username.startsWith(withoutTrailingAny(pattern)) : pattern.equals(username);
    }

    private static String withoutTrailingAny(String pattern) {
        return pattern.substring(0, pattern.length() - ANY.length());
    }

    private static String signerPatternProblem(String pattern) {
        if (pattern.endsWith(ANY_SIGNER_OF_DOMAIN)) {
            return SignerNames.domainProblem(pattern.substring(0, pattern.length() - ANY_SIGNER_OF_DOMAIN.length()));
        }
        String problem = SignerNames.problemWith(pattern);
        return problem == null ? null : problem + ", or '<domain>/*' for every signer of a domain";
    }

    private static String userPatternProblem(String pattern) {
        if (pattern.isEmpty()) {
            return "must not be empty";
        }
        int any = pattern.indexOf(ANY);
        return any >= 0 && any < pattern.length() - ANY.length() ? "'*' may only end a user name pattern" : null;
    }
}
