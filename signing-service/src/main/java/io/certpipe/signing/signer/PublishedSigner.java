package io.certpipe.signing.signer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** What was last published about one signer: the fingerprint of its data, to publish again only on change. */
@Entity
@Table(name = "published_signer")
public class PublishedSigner {

    @Embeddable
    public record Key(@Column(name = "cluster") String cluster, @Column(name = "signer_name") String signerName) {
    }

    @EmbeddedId
    public Key signer;

    /** Hex SHA-256 of the published data's JSON. */
    @Column(nullable = false)
    public String fingerprint;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
