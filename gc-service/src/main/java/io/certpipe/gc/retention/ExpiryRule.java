package io.certpipe.gc.retention;

/** The rules by which a request expires; the reason is what the {@code EXPIRED} event and intake's log say. */
public enum ExpiryRule {
    PENDING_PAST_DEADLINE("PendingPastDeadline", "still pending (neither approved nor denied)"),
    ISSUED_PAST_RETENTION("IssuedPastRetention", "issued, and its retention after approval is over"),
    DENIED_PAST_RETENTION("DeniedPastRetention", "denied, and its retention after denial is over"),
    FAILED_PAST_RETENTION("FailedPastRetention", "failed, and its retention after the failure is over"),
    APPROVED_NEVER_ISSUED("ApprovedNeverIssued", "approved, but neither issued nor failed"),
    CERTIFICATE_EXPIRED("CertificateExpired", "holding a certificate that has expired");

    private final String reason;
    private final String description;

    ExpiryRule(String reason, String description) {
        this.reason = reason;
        this.description = description;
    }

    public String reason() {
        return reason;
    }

    public String description() {
        return description;
    }
}
