package io.certpipe.intake.automation;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A request an automation client made, by its idempotency key, and its outcome so far. */
@Entity
@Table(name = "automation_request")
@IdClass(AutomationRequestRow.Key.class)
public class AutomationRequestRow {

    /** The row's identity: one request per client and requestId. */
    public record Key(String client, String requestId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public String client;

    @Id
    @Column(name = "request_id")
    public String requestId;

    /** SHA-256 of the canonical JSON of the request's cluster and object: the same key with another body conflicts. */
    @Column(name = "body_sha256", nullable = false)
    public String bodySha256;

    @Column(nullable = false)
    public String cluster;

    @Column(name = "csr_name", nullable = false)
    public String csrName;

    @Column(name = "csr_uid", nullable = false)
    public UUID csrUid;

    /** The last outcome reply's type ({@code ReplyType} name), null while the request waits for a decision. */
    public String outcome;

    public String reason;

    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
