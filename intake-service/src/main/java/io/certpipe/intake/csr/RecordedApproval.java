package io.certpipe.intake.csr;

import java.time.Instant;

/**
 * One person's approval of a request whose signer needs more than one ({@code ApprovalRules}), kept until enough
 * distinct people have approved; the last of them makes the request Approved.
 */
public record RecordedApproval(String user, Instant approvedAt, String reason, String message) {
}
