package io.certpipe.console.intake;

/**
 * A call to intake's API that did not succeed. The web layer turns it into a page once ({@code ProblemPages}); the
 * pages themselves never catch it, except where a refusal only hides a part of the page.
 */
public class IntakeException extends RuntimeException {

    private final transient IntakeStatus status;

    public IntakeException(IntakeStatus status) {
        super(status.code() + " " + status.reason() + ": " + status.message());
        this.status = status;
    }

    public IntakeStatus status() {
        return status;
    }

    /** Whether intake refused the signed-in user this (RBAC, tenancy, four eyes): a 403. */
    public boolean isForbidden() {
        return status.code() == 403;
    }

    public boolean isNotFound() {
        return status.code() == 404;
    }
}
