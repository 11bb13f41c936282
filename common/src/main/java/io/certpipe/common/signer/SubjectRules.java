package io.certpipe.common.signer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.certpipe.common.csr.SubjectName;

/**
 * What the subject of a request may say, judged on its one reading ({@link SubjectName}, which allows one CN at
 * most). {@code commonName} is a Java regular expression the whole common name must match (absent: any common name,
 * or none); {@code organizations} and {@code organizationalUnits} constrain the {@code O} and {@code OU} values
 * (absent: any).
 */
public record SubjectRules(String commonName, AttributeRules organizations, AttributeRules organizationalUnits) {

    /** Any subject. */
    public static final SubjectRules ANY = new SubjectRules(null, AttributeRules.ANY, AttributeRules.ANY);

    public SubjectRules {
        organizations = organizations == null ? AttributeRules.ANY : organizations;
        organizationalUnits = organizationalUnits == null ? AttributeRules.ANY : organizationalUnits;
    }

    void check(SubjectName subject, List<Violation> violations) {
        if (commonName != null && !Pattern.matches(commonName, subject.commonName())) {
            violations.add(new Violation(Violation.Reason.COMMON_NAME_NOT_PERMITTED, "common name \""
                    + subject.commonName() + "\" does not match the permitted pattern " + commonName));
        }
        organizations.check(AttributeRules.Attribute.ORGANIZATION, subject.organizations(), violations);
        organizationalUnits.check(AttributeRules.Attribute.ORGANIZATIONAL_UNIT, subject.organizationalUnits(),
                violations);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (commonName != null) {
            try {
                Pattern.compile(commonName);
            } catch (PatternSyntaxException e) {
                problems.add("subject.commonName: not a regular expression: " + e.getDescription());
            }
        }
        problems.addAll(organizations.problems("subject.organizations"));
        problems.addAll(organizationalUnits.problems("subject.organizationalUnits"));
        return problems;
    }
}
