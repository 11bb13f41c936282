package io.certpipe.console.web;

import io.certpipe.console.intake.IntakeStatus;

/**
 * A page that explains why something could not be done, with the HTTP status it is served with. intake's refusals
 * become one here, once; intake's own message is shown as it is, since that is what kubectl would print.
 */
public record Problem(int httpStatus, String title, String explanation, String reason, String detail,
        boolean signInAgain) {

    public static Problem of(IntakeStatus status) {
        return switch (status.code()) {
            case 401 -> new Problem(401, "Please sign in again",
                    "certpipe's API did not accept your sign-in; it may have expired.", status.reason(),
                    status.message(), true);
            case 403 -> new Problem(403, "Not allowed",
                    "certpipe's API refused this under your own permissions. The console grants nothing by itself: "
                            + "ask an administrator of the cluster if you need it.",
                    status.reason(), status.message(), false);
            case 404 -> new Problem(404, "Not found",
                    "There is no such request, or it has been deleted (requests expire after a while).",
                    status.reason(), status.message(), false);
            case 409 -> new Problem(409, "Changed meanwhile",
                    "The request changed while you were deciding it. Look at it again, then decide.", status.reason(),
                    status.message(), false);
            case 400, 422 -> new Problem(status.code(), "Not accepted",
                    "certpipe's API did not accept what was sent.", status.reason(), status.message(), false);
            case IntakeStatus.UNREACHABLE -> new Problem(502, "certpipe's API is unavailable",
                    "The console could not reach certpipe's API. Try again in a moment.", status.reason(),
                    status.message(), false);
            default -> new Problem(502, "certpipe's API failed",
                    "certpipe's API answered with an error. Try again in a moment.", status.reason(),
                    status.message(), false);
        };
    }

    /** A state-changing request without the token of this session's forms ({@link CsrfTokens}). */
    public static Problem staleForm() {
        return new Problem(403, "This form has expired",
                "The form was not sent from a page of this sign-in (or the console restarted since). Nothing was "
                        + "changed. Go back, reload the page and try again.",
                "InvalidCsrfToken", "", false);
    }
}
