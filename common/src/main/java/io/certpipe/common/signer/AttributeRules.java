package io.certpipe.common.signer;

import java.util.ArrayList;
import java.util.List;

/**
 * Which values one subject attribute (organization, organizational unit) may take. {@code allowed} absent means any
 * value; {@code forbidden} values are refused even when allowed; every {@code required} value must be present.
 */
public record AttributeRules(List<String> allowed, List<String> forbidden, List<String> required) {

    /** No restriction at all. */
    public static final AttributeRules ANY = new AttributeRules(null, List.of(), List.of());

    public AttributeRules {
        allowed = allowed == null ? null : List.copyOf(allowed);
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
        required = required == null ? List.of() : List.copyOf(required);
    }

    /** Exactly these values: all of them, and nothing else. */
    public static AttributeRules exactly(List<String> values) {
        return new AttributeRules(values, List.of(), values);
    }

    /** Any value but these. */
    public static AttributeRules anyBut(List<String> forbidden) {
        return new AttributeRules(null, forbidden, List.of());
    }

    /** The attribute a rule set applies to, and the reasons its violations carry. */
    enum Attribute {
        ORGANIZATION("organization", Violation.Reason.ORGANIZATION_NOT_PERMITTED,
                Violation.Reason.ORGANIZATION_FORBIDDEN, Violation.Reason.ORGANIZATION_REQUIRED),
        ORGANIZATIONAL_UNIT("organizational unit", Violation.Reason.ORGANIZATIONAL_UNIT_NOT_PERMITTED,
                Violation.Reason.ORGANIZATIONAL_UNIT_FORBIDDEN, Violation.Reason.ORGANIZATIONAL_UNIT_REQUIRED);

        private final String words;
        private final Violation.Reason notPermitted;
        private final Violation.Reason forbidden;
        private final Violation.Reason required;

        Attribute(String words, Violation.Reason notPermitted, Violation.Reason forbidden,
                Violation.Reason required) {
            this.words = words;
            this.notPermitted = notPermitted;
            this.forbidden = forbidden;
            this.required = required;
        }
    }

    void check(Attribute attribute, List<String> values, List<Violation> violations) {
        for (String value : values) {
            if (forbidden.contains(value)) {
                violations.add(new Violation(attribute.forbidden,
                        attribute.words + " \"" + value + "\" is not allowed"));
            } else if (allowed != null && !allowed.contains(value)) {
                violations.add(new Violation(attribute.notPermitted, attribute.words + " \"" + value
                        + "\" is not permitted (permitted: " + String.join(", ", allowed) + ")"));
            }
        }
        for (String value : required) {
            if (!values.contains(value)) {
                violations.add(new Violation(attribute.required, attribute.words + " \"" + value + "\" is required"));
            }
        }
    }

    List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        for (String value : required) {
            if (forbidden.contains(value)) {
                problems.add(field + ": \"" + value + "\" is both required and forbidden");
            } else if (allowed != null && !allowed.contains(value)) {
                problems.add(field + ": \"" + value + "\" is required but not allowed");
            }
        }
        return problems;
    }
}
