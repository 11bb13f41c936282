package io.certpipe.gc.retention;

import java.time.Instant;
import java.util.Optional;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;

/**
 * What the retention rules look at in a request: when it was created and decided, and when its certificate expires.
 * A null time means "has not happened"; {@code issued} is whether a certificate was published.
 */
public record RequestState(Instant createdAt, Instant approvedAt, Instant deniedAt, Instant failedAt,
        boolean issued, Instant certificateNotAfter) {

    /** The state {@code csr} shows; {@code eventTime} stands in for any timestamp the snapshot lacks. */
    public static RequestState of(CsrSnapshot csr, Instant eventTime) {
        Instant created = csr.creationTimestamp() != null ? csr.creationTimestamp() : eventTime;
        boolean issued = csr.certificate() != null && !csr.certificate().isBlank();
        Instant notAfter = issued ? CertificateExpiry.earliestNotAfter(csr.certificate()).orElse(null) : null;
        return new RequestState(created,
                conditionTime(csr, CsrCondition.APPROVED, eventTime),
                conditionTime(csr, CsrCondition.DENIED, eventTime),
                conditionTime(csr, CsrCondition.FAILED, eventTime),
                issued, notAfter);
    }

    /** Kubernetes' cleaner measures from a condition's {@code lastUpdateTime}. */
    private static Instant conditionTime(CsrSnapshot csr, String type, Instant eventTime) {
        Optional<CsrCondition> condition = csr.conditions().stream()
                .filter(candidate -> candidate.type().equals(type))
                .findFirst();
        return condition.map(found -> found.lastUpdateTime() != null ? found.lastUpdateTime()
                        : found.lastTransitionTime() != null ? found.lastTransitionTime() : eventTime)
                .orElse(null);
    }

    public boolean isPending() {
        return approvedAt == null && deniedAt == null && failedAt == null && !issued;
    }

    public boolean isIssued() {
        return approvedAt != null && issued;
    }

    public boolean isDenied() {
        return deniedAt != null;
    }

    public boolean isFailed() {
        return failedAt != null;
    }

    public boolean isApprovedNeverIssued() {
        return approvedAt != null && !issued && failedAt == null;
    }

    public boolean hasCertificateExpiry() {
        return certificateNotAfter != null;
    }
}
