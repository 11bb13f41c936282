package io.certpipe.console.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' {@code Warning} response header ({@code 299 - "text"}, RFC 7234), which kubectl prints as
 * {@code Warning: text}: intake says with it, for instance, how many of the approvals a signer needs are recorded.
 */
final class WarningHeaders {

    static final String NAME = "Warning";

    /** {@code 299 <agent> "<text>"}, the text with {@code \"} and {@code \\} escapes. */
    private static final Pattern WARNING = Pattern.compile("^\\d{3}\\s+\\S+\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private WarningHeaders() {
    }

    /** The texts of {@code values}; a value in another form is kept as it is. */
    static List<String> texts(List<String> values) {
        List<String> texts = new ArrayList<>();
        for (String value : values) {
            Matcher warning = WARNING.matcher(value.strip());
            texts.add(warning.find() ? warning.group(1).replaceAll("\\\\(.)", "$1") : value.strip());
        }
        return texts;
    }
}
