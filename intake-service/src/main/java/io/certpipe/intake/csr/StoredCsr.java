package io.certpipe.intake.csr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;

/**
 * One CertificateSigningRequest as intake stores it: metadata, the spec fixed at creation, and the status that only
 * moves forward (conditions, then the certificate). {@code requestPem} and {@code certificatePem} are PEM text; the
 * API shows them base64-encoded, as Kubernetes does with byte fields.
 */
public record StoredCsr(
        String cluster,
        String name,
        UUID uid,
        long resourceVersion,
        Instant creationTimestamp,
        Map<String, String> labels,
        Map<String, String> annotations,
        String signerName,
        String requestPem,
        List<String> usages,
        Integer expirationSeconds,
        String username,
        String userUid,
        List<String> groups,
        Map<String, List<String>> extra,
        List<CsrCondition> conditions,
        String certificatePem,
        List<RecordedApproval> approvals) {

    /** The resourceVersion of a request not stored yet (proposed, or shown by a dry run): revisions start at 1. */
    public static final long NOT_STORED = 0;

    public StoredCsr {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        usages = usages == null ? List.of() : List.copyOf(usages);
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    public boolean hasCondition(String type) {
        return conditions.stream().anyMatch(condition -> condition.type().equals(type));
    }

    public boolean isIssued() {
        return certificatePem != null && !certificatePem.isEmpty();
    }

    public StoredCsr withResourceVersion(long revision) {
        return new StoredCsr(cluster, name, uid, revision, creationTimestamp, labels, annotations, signerName,
                requestPem, usages, expirationSeconds, username, userUid, groups, extra, conditions, certificatePem, approvals);
    }

    public StoredCsr withCondition(CsrCondition condition) {
        List<CsrCondition> more = new ArrayList<>(conditions);
        more.add(condition);
        return withConditions(more);
    }

    public StoredCsr withConditions(List<CsrCondition> newConditions) {
        return new StoredCsr(cluster, name, uid, resourceVersion, creationTimestamp, labels, annotations, signerName,
                requestPem, usages, expirationSeconds, username, userUid, groups, extra, newConditions,
                certificatePem, approvals);
    }

    public StoredCsr withMetadata(Map<String, String> newLabels, Map<String, String> newAnnotations) {
        return new StoredCsr(cluster, name, uid, resourceVersion, creationTimestamp, newLabels, newAnnotations,
                signerName, requestPem, usages, expirationSeconds, username, userUid, groups, extra, conditions,
                certificatePem, approvals);
    }

    public StoredCsr withCertificate(String pem) {
        return new StoredCsr(cluster, name, uid, resourceVersion, creationTimestamp, labels, annotations, signerName,
                requestPem, usages, expirationSeconds, username, userUid, groups, extra, conditions, pem, approvals);
    }

    /** Who has approved so far, in order ({@code alice, bob}), for a signer that needs several approvers. */
    public String approverNames() {
        return String.join(", ", approvals.stream().map(RecordedApproval::user).toList());
    }

    /** This request with {@code approval} recorded, by a person, towards the approvals its signer needs. */
    public StoredCsr withApproval(RecordedApproval approval) {
        List<RecordedApproval> more = new ArrayList<>(approvals);
        more.add(approval);
        return new StoredCsr(cluster, name, uid, resourceVersion, creationTimestamp, labels, annotations, signerName,
                requestPem, usages, expirationSeconds, username, userUid, groups, extra, conditions, certificatePem,
                more);
    }

    /** The state lifecycle events carry, so no controller needs intake's database. */
    public CsrSnapshot toSnapshot() {
        return new CsrSnapshot(cluster, name, uid.toString(), resourceVersion, creationTimestamp, signerName,
                requestPem, usages, expirationSeconds, username, userUid, groups, extra, conditions, certificatePem,
                approvals.stream().map(RecordedApproval::user).distinct().toList());
    }
}
