-- Approvals signing-service gave up on (their event parked on its dead-letter topic) and answered with a
-- SigningError failure. A request is here only if no serial was ever reserved for it, and once it is here no serial
-- ever will be: both decisions take the request's advisory lock, so a certificate is never signed for a request
-- reported failed.
CREATE TABLE abandoned_issuance (
    cluster      TEXT        NOT NULL,
    csr_uid      TEXT        NOT NULL,
    signer_name  TEXT        NOT NULL,
    message      TEXT        NOT NULL,
    abandoned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster, csr_uid)
);

-- "Was a serial reserved for this request?", asked before giving up on it.
CREATE INDEX serial_reservation_by_request ON serial_reservation (cluster, csr_uid);
