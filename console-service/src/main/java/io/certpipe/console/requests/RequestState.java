package io.certpipe.console.requests;

/**
 * Where a request stands, at a glance: what kubectl's CONDITION column says, read as one state. A request is decided
 * by an Approved or Denied condition; an approved one is then issued (a certificate) or failed (the signer refused).
 */
public enum RequestState {
    PENDING("Pending"),
    APPROVED("Approved, awaiting signature"),
    ISSUED("Issued"),
    DENIED("Denied"),
    FAILED("Failed");

    private final String label;

    RequestState(String label) {
        this.label = label;
    }

    static RequestState of(Csr csr) {
        if (csr.condition(ConditionType.DENIED).isPresent()) {
            return DENIED;
        }
        if (csr.condition(ConditionType.FAILED).isPresent()) {
            return FAILED;
        }
        if (csr.certificatePem().isPresent()) {
            return ISSUED;
        }
        return csr.condition(ConditionType.APPROVED).isPresent() ? APPROVED : PENDING;
    }

    /** What the badge says. */
    public String label() {
        return label;
    }

    /** The badge's style ({@code state-pending}, ...), the same in the page and in live updates. */
    public String cssClass() {
        return "state-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a person can still approve or deny it. */
    public boolean awaitsDecision() {
        return this == PENDING;
    }
}
