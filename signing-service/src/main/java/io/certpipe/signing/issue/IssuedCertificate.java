package io.certpipe.signing.issue;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A certificate this CA issued, kept by request: a redelivered approval re-publishes it instead of re-signing. */
@Entity
@Table(name = "issued_certificate")
public class IssuedCertificate {

    /** A request is identified by its cluster and uid; names are reused, uids never. */
    @Embeddable
    public record RequestKey(@Column(name = "cluster") String cluster, @Column(name = "csr_uid") String csrUid) {
    }

    @EmbeddedId
    public RequestKey request;

    @Column(name = "csr_name", nullable = false)
    public String csrName;

    @Column(name = "signer_name", nullable = false)
    public String signerName;

    @Column(name = "ca_key_id", nullable = false)
    public String caKeyId;

    /** Lower-case hex, as in the events. */
    @Column(nullable = false)
    public String serial;

    /** PEM; a public document, never a key. */
    @Column(nullable = false, columnDefinition = "text")
    public String certificate;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
