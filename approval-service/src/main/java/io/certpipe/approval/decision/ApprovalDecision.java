package io.certpipe.approval.decision;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.certpipe.common.event.DecisionData.Verdict;

/** The one decision approval-service took on a request; at most one per (cluster, uid). */
@Entity
@Table(name = "approval_decision")
public class ApprovalDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String cluster;

    @Column(name = "csr_uid", nullable = false)
    public String csrUid;

    @Column(name = "csr_name", nullable = false)
    public String csrName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Verdict verdict;

    /** The deciding policy's name, {@code none} for a deferral. */
    @Column(nullable = false)
    public String policy;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false, columnDefinition = "text")
    public String message;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
}
