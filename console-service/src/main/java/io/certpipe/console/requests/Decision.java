package io.certpipe.console.requests;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person's decision as the page's form sends it: Approved or Denied, with the condition's reason (one CamelCase
 * word, as Kubernetes writes reasons: {@code KubectlApprove}) and an optional message.
 */
public record Decision(ConditionType type, String reason, String message) {

    static final int MAX_REASON_LENGTH = 128;
    static final int MAX_MESSAGE_LENGTH = 1024;
    /** A reason, for the server's check and the form's {@code pattern} alike. */
    static final String REASON_PATTERN = "[A-Za-z][A-Za-z0-9]*";
    private static final Pattern REASON = Pattern.compile(REASON_PATTERN);

    /** The decision the form fields describe, or why they describe none. */
    public static Result parse(String decision, String reason, String message) {
        Optional<ConditionType> type = switch (decision == null ? "" : decision) {
            case "Approved" -> Optional.of(ConditionType.APPROVED);
            case "Denied" -> Optional.of(ConditionType.DENIED);
            default -> Optional.empty();
        };
        String trimmedReason = reason == null ? "" : reason.strip();
        String trimmedMessage = message == null ? "" : message.strip();
        if (type.isEmpty()) {
            return new Result(null, "Choose to approve or to deny.");
        }
        if (trimmedReason.length() > MAX_REASON_LENGTH || !REASON.matcher(trimmedReason).matches()) {
            return new Result(null, "The reason must be one word of letters and digits, starting with a letter "
                    + "(like VerifiedWithRequester), at most " + MAX_REASON_LENGTH + " characters.");
        }
        if (trimmedMessage.length() > MAX_MESSAGE_LENGTH) {
            return new Result(null, "The message may have at most " + MAX_MESSAGE_LENGTH + " characters.");
        }
        return new Result(new Decision(type.get(), trimmedReason, trimmedMessage), null);
    }

    /** A decision, or the problem that stops the form from being one. */
    public record Result(Decision decision, String problem) {
    }
}
