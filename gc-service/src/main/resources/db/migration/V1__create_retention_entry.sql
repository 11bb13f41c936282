-- One row per request gc-service has seen on the lifecycle stream: its decision times, certificate expiry and the
-- deadline they give. A deleted request keeps its row (deleted_at set, no deadline) until the tombstone retention
-- passes, so a redelivered older event cannot bring it back.
CREATE TABLE retention_entry (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster               TEXT        NOT NULL,
    csr_uid               TEXT        NOT NULL,
    csr_name              TEXT        NOT NULL,
    resource_version      BIGINT,
    created_at            TIMESTAMPTZ,
    approved_at           TIMESTAMPTZ,
    denied_at             TIMESTAMPTZ,
    failed_at             TIMESTAMPTZ,
    issued                BOOLEAN     NOT NULL,
    certificate_not_after TIMESTAMPTZ,
    deleted_at            TIMESTAMPTZ,
    deadline              TIMESTAMPTZ,
    expiry_rule           TEXT,
    expiration_sent_at    TIMESTAMPTZ,
    CONSTRAINT retention_entry_request_unique UNIQUE (cluster, csr_uid)
);

-- The sweep: live requests in deadline order.
CREATE INDEX retention_entry_deadline ON retention_entry (deadline) WHERE deleted_at IS NULL;
-- The tombstone purge.
CREATE INDEX retention_entry_deleted_at ON retention_entry (deleted_at) WHERE deleted_at IS NOT NULL;
