package io.certpipe.common.approval;

import java.util.List;

/**
 * One policy's verdict on one request, kept beside the decision so that a dry run or a human can see what each policy
 * made of it. {@link #explanation} says it in one sentence.
 */
public sealed interface PolicyEvaluation {

    /** The name of the policy. */
    String policy();

    String explanation();

    /** The policy's selector does not match the request: it has no say. */
    record NotSelected(String policy) implements PolicyEvaluation {

        @Override
        public String explanation() {
            return "Policy " + policy + " does not select the request.";
        }
    }

    /** The request meets every constraint the policy sets; {@code checked} names them. */
    record Permitted(String policy, List<String> checked) implements PolicyEvaluation {

        public Permitted {
            checked = List.copyOf(checked);
        }

        @Override
        public String explanation() {
            return "Policy " + policy + " permits the request (checked " + checkedInWords() + ").";
        }

        /** The constraints checked: {@code subject, dnsNames and usages}, or {@code no constraints}. */
        String checkedInWords() {
            if (checked.size() <= 1) {
                return checked.isEmpty() ? "no constraints" : checked.getFirst();
            }
            return String.join(", ", checked.subList(0, checked.size() - 1)) + " and " + checked.getLast();
        }
    }

    /** The request breaks these constraints of the policy; {@code denies} when its onViolation is Deny. */
    record Violated(String policy, List<BrokenConstraint> broken, boolean denies) implements PolicyEvaluation {

        public Violated {
            broken = List.copyOf(broken);
        }

        @Override
        public String explanation() {
            String onViolation = denies ? ApprovalPolicySpec.DENY : ApprovalPolicySpec.IGNORE;
            return "Policy " + policy + " (onViolation " + onViolation + ") does not permit the request: "
                    + brokenInWords() + ".";
        }

        /** Each broken constraint with its field, separated by semicolons. */
        String brokenInWords() {
            return String.join("; ", broken.stream().map(BrokenConstraint::toString).toList());
        }
    }

    /** The policy selects the request but could not judge it, for {@code reason}. */
    record Unevaluable(String policy, String reason) implements PolicyEvaluation {

        @Override
        public String explanation() {
            return "Policy " + policy + " could not be evaluated: " + reason + ".";
        }
    }
}
