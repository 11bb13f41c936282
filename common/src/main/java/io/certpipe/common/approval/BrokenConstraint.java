package io.certpipe.common.approval;

import java.util.List;

/**
 * One constraint of a policy that a request does not meet, named by the field that declares it
 * ({@code spec.constraints.dnsNames.allowed}) and said in words for the requester and the human who looks.
 */
public record BrokenConstraint(String field, String message) {

    /** {@code what} (e.g. {@code DNS name "evil.example.com"}) is none of the {@code permitted} values. */
    static BrokenConstraint notPermitted(String field, String what, List<String> permitted) {
        return new BrokenConstraint(field, what + " is not permitted ("
                + (permitted.isEmpty() ? "this policy permits none" : "permitted: " + String.join(", ", permitted))
                + ")");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
