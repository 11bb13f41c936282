package io.certpipe.console.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.certpipe.console.pki.DecodedCertificate;
import io.certpipe.console.pki.DecodedRequest;
import io.certpipe.console.web.Flash;

/**
 * The page of one request: what it asks for (decoded), who asked and when, where it stands, its history, who has
 * approved it so far where its signer needs several approvers, and the certificate once issued. A part the user may
 * not read, or that cannot be decoded, is null and the matching {@code ...Problem} says why.
 */
public record RequestView(String cluster, Csr csr, String path, Instant now, DecodedRequest request,
        String requestProblem, List<HistoryEntry> history, String historyProblem, ApprovalRules approvalRules,
        DecodedCertificate certificate, String certificateProblem, Flash flash) {

    public String name() {
        return csr.name();
    }

    public RequestState state() {
        return csr.state();
    }

    public String age() {
        return Age.between(csr.metadata().creationTimestamp(), now);
    }

    /** The usages asked for in {@code spec.usages}, as Kubernetes names them. */
    public List<String> usages() {
        return csr.spec().usages() == null ? List.of() : csr.spec().usages();
    }

    public List<String> groups() {
        return csr.spec().groups() == null ? List.of() : csr.spec().groups();
    }

    /** {@code spec.expirationSeconds} as a person reads it ({@code 1d}, {@code 8h}, {@code 1h 30m}), if asked. */
    public String requestedLifetime() {
        Long seconds = csr.spec().expirationSeconds();
        return seconds == null ? null : lifetime(Duration.ofSeconds(seconds));
    }

    /** The approvals recorded so far of a request whose signer needs several, oldest first. */
    public List<HistoryEntry> recordedApprovals() {
        return history == null ? List.of() : history.stream().filter(HistoryEntry::isRecordedApproval).toList();
    }

    /** The people in {@link #recordedApprovals()}, each once. */
    public List<String> approvers() {
        return recordedApprovals().stream().map(HistoryEntry::user).distinct().toList();
    }

    public boolean certificateValidNow() {
        return certificate != null && certificate.isValidAt(now);
    }

    /** The decision form's limits, the ones the server applies ({@link Decision}). */
    public int reasonMaxLength() {
        return Decision.MAX_REASON_LENGTH;
    }

    public String reasonPattern() {
        return Decision.REASON_PATTERN;
    }

    public int messageMaxLength() {
        return Decision.MAX_MESSAGE_LENGTH;
    }

    public String decisionPath() {
        return path + "/decision";
    }

    public String certificatePath() {
        return path + "/certificate.pem";
    }

    static String lifetime(Duration duration) {
        List<String> parts = new ArrayList<>();
        if (duration.toDaysPart() > 0) {
            parts.add(duration.toDaysPart() + "d");
        }
        if (duration.toHoursPart() > 0) {
            parts.add(duration.toHoursPart() + "h");
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(duration.toMinutesPart() + "m");
        }
        if (duration.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(duration.toSecondsPart() + "s");
        }
        return String.join(" ", parts);
    }
}
