package io.certpipe.console.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What intake answered when a call failed: the HTTP code and the {@code reason} and {@code message} of its
 * Kubernetes {@code Status} body (kubectl prints the same message), or the code alone when the body is no Status.
 */
public record IntakeStatus(int code, String reason, String message) {

    /** The code the console answers with when intake cannot be reached at all. */
    public static final int UNREACHABLE = 502;

    /** Reads intake's answer {@code body} to a call that failed with HTTP {@code code}. */
    public static IntakeStatus of(int code, String body, ObjectMapper json) {
        JsonNode status = readJson(body, json);
        if (!"Status".equals(status.path("kind").asText())) {
            return new IntakeStatus(code, "", "intake answered HTTP " + code);
        }
        return new IntakeStatus(code, status.path("reason").asText(""), status.path("message").asText(""));
    }

    /** intake did not answer: {@code what} says which call and why. */
    public static IntakeStatus unreachable(String what) {
        return new IntakeStatus(UNREACHABLE, "IntakeUnavailable", what);
    }

    private static JsonNode readJson(String body, ObjectMapper json) {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (java.io.IOException notJson) {
            return json.missingNode();
        }
    }
}
