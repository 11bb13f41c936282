-- What signing-service last published about each signer on certpipe.signing.signers.v1, as a SHA-256 of the
-- published data: a signer is published again only when that changes, and a signer that left the configuration is
-- withdrawn because its row is still here.
CREATE TABLE published_signer (
    cluster      TEXT        NOT NULL,
    signer_name  TEXT        NOT NULL,
    fingerprint  TEXT        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster, signer_name)
);

-- Serials as certpipe writes them: positive, lower-case hex without leading zeros, at most 20 octets (RFC 5280
-- 4.1.2.2). The database refuses anything else, whatever the code does.
ALTER TABLE serial_reservation
    ADD CONSTRAINT serial_is_positive_lower_case_hex CHECK (serial ~ '^[1-9a-f][0-9a-f]{0,39}$');
ALTER TABLE issued_certificate
    ADD CONSTRAINT issued_serial_is_positive_lower_case_hex CHECK (serial ~ '^[1-9a-f][0-9a-f]{0,39}$');
