package io.certpipe.gc.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import io.certpipe.gc.GcConfig;

/**
 * Kubernetes' cleaner ({@code pkg/controller/certificates/cleaner/cleaner.go}) as deadlines: one small rule per
 * state, each with its own configurable duration. A request covered by several rules (an issued certificate that
 * expires before the retention ends) expires at the earliest of their deadlines.
 */
public record RetentionSchedule(Duration pendingDeadline, Duration issuedRetention, Duration deniedRetention,
        Duration failedRetention, Duration approvedUnissuedDeadline) {

    public static RetentionSchedule from(GcConfig config) {
        return new RetentionSchedule(config.pendingDeadline(), config.issuedRetention(), config.deniedRetention(),
                config.failedRetention(), config.approvedUnissuedDeadline());
    }

    /** The earliest deadline among the rules that cover {@code state}. */
    public Optional<Expiry> expiryOf(RequestState state) {
        return Stream.of(pendingPastDeadline(state), issuedPastRetention(state), deniedPastRetention(state),
                        failedPastRetention(state), approvedNeverIssued(state), certificateExpired(state))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(Expiry::deadline));
    }

    Optional<Expiry> pendingPastDeadline(RequestState state) {
        return state.isPending() ? after(state.createdAt(), pendingDeadline, ExpiryRule.PENDING_PAST_DEADLINE)
                : Optional.empty();
    }

    Optional<Expiry> issuedPastRetention(RequestState state) {
        return state.isIssued() ? after(state.approvedAt(), issuedRetention, ExpiryRule.ISSUED_PAST_RETENTION)
                : Optional.empty();
    }

    Optional<Expiry> deniedPastRetention(RequestState state) {
        return state.isDenied() ? after(state.deniedAt(), deniedRetention, ExpiryRule.DENIED_PAST_RETENTION)
                : Optional.empty();
    }

    Optional<Expiry> failedPastRetention(RequestState state) {
        return state.isFailed() ? after(state.failedAt(), failedRetention, ExpiryRule.FAILED_PAST_RETENTION)
                : Optional.empty();
    }

    Optional<Expiry> approvedNeverIssued(RequestState state) {
        return state.isApprovedNeverIssued()
                ? after(state.approvedAt(), approvedUnissuedDeadline, ExpiryRule.APPROVED_NEVER_ISSUED)
                : Optional.empty();
    }

    Optional<Expiry> certificateExpired(RequestState state) {
        return state.hasCertificateExpiry()
                ? Optional.of(new Expiry(ExpiryRule.CERTIFICATE_EXPIRED, state.certificateNotAfter()))
                : Optional.empty();
    }

    private static Optional<Expiry> after(Instant start, Duration duration, ExpiryRule rule) {
        return Optional.of(new Expiry(rule, start.plus(duration)));
    }
}
