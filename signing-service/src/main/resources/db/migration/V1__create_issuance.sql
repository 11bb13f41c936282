-- The serial register. A serial is recorded here, and committed, before any signature is made with it: two
-- certificates of one CA key can never share a serial, and a serial whose certificate was lost to a crash stays burnt.
CREATE TABLE serial_reservation (
    ca_key_id   TEXT        NOT NULL,
    serial      TEXT        NOT NULL,
    cluster     TEXT        NOT NULL,
    csr_uid     TEXT        NOT NULL,
    reserved_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ca_key_id, serial)
);

-- One certificate per request: a redelivered approval re-publishes this row and never signs again.
CREATE TABLE issued_certificate (
    cluster     TEXT        NOT NULL,
    csr_uid     TEXT        NOT NULL,
    csr_name    TEXT        NOT NULL,
    signer_name TEXT        NOT NULL,
    ca_key_id   TEXT        NOT NULL,
    serial      TEXT        NOT NULL,
    certificate TEXT        NOT NULL,
    not_before  TIMESTAMPTZ NOT NULL,
    not_after   TIMESTAMPTZ NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster, csr_uid),
    UNIQUE (ca_key_id, serial),
    FOREIGN KEY (ca_key_id, serial) REFERENCES serial_reservation (ca_key_id, serial)
);
