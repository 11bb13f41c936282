-- One row per logical cluster: its resourceVersion counter. Every visible change takes this row's lock and bumps it
-- inside its own transaction, so revisions follow commit order within a cluster.
CREATE TABLE cluster_revision (
    cluster   TEXT   PRIMARY KEY,
    revision  BIGINT NOT NULL
);

-- The stored CertificateSigningRequests. Structured fields are JSON text; PEM fields are the PEM text itself.
CREATE TABLE certificate_signing_request (
    uid                 UUID        PRIMARY KEY,
    cluster             TEXT        NOT NULL,
    name                TEXT        NOT NULL,
    resource_version    BIGINT      NOT NULL,
    creation_timestamp  TIMESTAMPTZ NOT NULL,
    labels              TEXT        NOT NULL,
    annotations         TEXT        NOT NULL,
    signer_name         TEXT        NOT NULL,
    request_pem         TEXT        NOT NULL,
    usages              TEXT        NOT NULL,
    expiration_seconds  INTEGER,
    username            TEXT        NOT NULL,
    user_uid            TEXT,
    user_groups         TEXT        NOT NULL,
    user_extra          TEXT        NOT NULL,
    conditions          TEXT        NOT NULL,
    certificate_pem     TEXT,
    CONSTRAINT certificate_signing_request_name_per_cluster UNIQUE (cluster, name)
);
