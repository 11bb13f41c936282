package io.certpipe.gc.tracking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventType;
import io.certpipe.gc.retention.Expiry;
import io.certpipe.gc.retention.ExpiryRule;
import io.certpipe.gc.retention.RequestState;
import io.certpipe.gc.retention.RetentionSchedule;

/**
 * What gc-service knows about one request (by cluster and uid) and when it expires. It only moves forward: a snapshot
 * with a {@code resourceVersion} no newer than the one applied is ignored, and a deleted request stays deleted (a
 * tombstone, purged later) so that an older event delivered again cannot bring it back.
 */
@Entity
@Table(name = "retention_entry")
public class RetentionEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String cluster;

    @Column(name = "csr_uid", nullable = false)
    public String csrUid;

    @Column(name = "csr_name", nullable = false)
    public String csrName;

    /** The {@code resourceVersion} of the newest snapshot applied; null while only a deletion is known. */
    @Column(name = "resource_version")
    public Long resourceVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "denied_at")
    public Instant deniedAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(nullable = false)
    public boolean issued;

    @Column(name = "certificate_not_after")
    public Instant certificateNotAfter;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** When the request expires; null once deleted. */
    public Instant deadline;

    @Enumerated(EnumType.STRING)
    @Column(name = "expiry_rule")
    public ExpiryRule expiryRule;

    /** When the last expiration for the current deadline was published; null if none was. */
    @Column(name = "expiration_sent_at")
    public Instant expirationSentAt;

    public static RetentionEntry of(String cluster, String csrUid, String csrName) {
        RetentionEntry entry = new RetentionEntry();
        entry.cluster = cluster;
        entry.csrUid = csrUid;
        entry.csrName = csrName;
        return entry;
    }

    /**
     * Applies a lifecycle event of type {@code type} showing {@code csr} ({@code null} allowed for a deletion) and
     * recomputes the deadline. Returns false when the event is older than what is known, or the request was deleted.
     */
    public boolean apply(EventType type, CsrSnapshot csr, Instant eventTime, RetentionSchedule schedule) {
        if (isDeleted()) {
            return false;
        }
        if (type == EventType.DELETED) {
            deletedAt = eventTime;
            deadline = null;
            expiryRule = null;
            return true;
        }
        if (resourceVersion != null && csr.resourceVersion() <= resourceVersion) {
            return false;
        }
        resourceVersion = csr.resourceVersion();
        csrName = csr.name();
        RequestState state = RequestState.of(csr, eventTime);
        createdAt = state.createdAt();
        approvedAt = state.approvedAt();
        deniedAt = state.deniedAt();
        failedAt = state.failedAt();
        issued = state.issued();
        certificateNotAfter = state.certificateNotAfter();
        Expiry expiry = schedule.expiryOf(state).orElse(null);
        deadline = expiry == null ? null : expiry.deadline();
        expiryRule = expiry == null ? null : expiry.rule();
        expirationSentAt = null;
        return true;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The expiry currently scheduled, or null when the request is deleted or no rule covers it. */
    public Expiry expiry() {
        return deadline == null ? null : new Expiry(expiryRule, deadline);
    }
}
