package io.certpipe.intake.csr;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.certpipe.common.event.CsrCondition;

/** The stored row of one request; it never leaves {@link CsrStore}, which maps it to and from {@link StoredCsr}. */
@Entity
@Table(name = "certificate_signing_request")
class CsrRow {

    @Id
    UUID uid;

    @Column(nullable = false)
    String cluster;

    @Column(nullable = false)
    String name;

    @Column(name = "resource_version", nullable = false)
    long resourceVersion;

    @Column(name = "creation_timestamp", nullable = false)
    Instant creationTimestamp;

    @Convert(converter = JsonColumn.StringMap.class)
    @Column(nullable = false)
    Map<String, String> labels;

    @Convert(converter = JsonColumn.StringMap.class)
    @Column(nullable = false)
    Map<String, String> annotations;

    @Column(name = "signer_name", nullable = false)
    String signerName;

    @Column(name = "request_pem", nullable = false)
    String requestPem;

    @Convert(converter = JsonColumn.StringList.class)
    @Column(nullable = false)
    List<String> usages;

    @Column(name = "expiration_seconds")
    Integer expirationSeconds;

    @Column(nullable = false)
    String username;

    @Column(name = "user_uid")
    String userUid;

    @Convert(converter = JsonColumn.StringList.class)
    @Column(name = "user_groups", nullable = false)
    List<String> groups;

    @Convert(converter = JsonColumn.StringListMap.class)
    @Column(name = "user_extra", nullable = false)
    Map<String, List<String>> extra;

    @Convert(converter = JsonColumn.Conditions.class)
    @Column(nullable = false)
    List<CsrCondition> conditions;

    @Column(name = "certificate_pem")
    String certificatePem;

    /** The approvals recorded so far of a request whose signer needs several approvers. */
    @Convert(converter = JsonColumn.Approvals.class)
    @Column(nullable = false)
    List<RecordedApproval> approvals;

    static CsrRow of(StoredCsr csr) {
        CsrRow row = new CsrRow();
        row.uid = csr.uid();
        row.cluster = csr.cluster();
        row.name = csr.name();
        row.creationTimestamp = csr.creationTimestamp();
        row.signerName = csr.signerName();
        row.requestPem = csr.requestPem();
        row.usages = csr.usages();
        row.expirationSeconds = csr.expirationSeconds();
        row.username = csr.username();
        row.userUid = csr.userUid();
        row.groups = csr.groups();
        row.extra = csr.extra();
        row.copyMutableFields(csr);
        return row;
    }

    /**
     * Takes what a change may alter: revision, labels, annotations, status and recorded approvals. The spec is fixed at
     * creation.
     */
    void copyMutableFields(StoredCsr csr) {
        resourceVersion = csr.resourceVersion();
        labels = csr.labels();
        annotations = csr.annotations();
        conditions = csr.conditions();
        certificatePem = csr.certificatePem();
        approvals = csr.approvals();
    }

    StoredCsr toStoredCsr() {
        return new StoredCsr(cluster, name, uid, resourceVersion, creationTimestamp, labels, annotations, signerName,
                requestPem, usages, expirationSeconds, username, userUid, groups, extra, conditions, certificatePem,
                approvals);
    }
}
