-- The asynchronous API (docs/automation.md). Each request an automation client made, by its idempotency key: the same
-- requestId sent again finds the request it made and gets its replies again, never a second request. The outcome so
-- far is kept with it, so the replies can be sent again after the request itself is gone.
CREATE TABLE automation_request (
    client       TEXT        NOT NULL,
    request_id   TEXT        NOT NULL,
    body_sha256  TEXT        NOT NULL,
    cluster      TEXT        NOT NULL,
    csr_name     TEXT        NOT NULL,
    csr_uid      UUID        NOT NULL,
    outcome      TEXT,
    reason       TEXT,
    message      TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client, request_id)
);

CREATE UNIQUE INDEX automation_request_by_csr ON automation_request (cluster, csr_uid);
CREATE INDEX automation_request_by_time ON automation_request (created_at);

-- Every request record intake has answered, written in the transaction that stages its replies: a record delivered
-- again (intake stopped before its offset was committed) is recognised and answered no second time.
CREATE TABLE automation_delivery (
    topic         TEXT        NOT NULL,
    partition_no  INTEGER     NOT NULL,
    record_offset BIGINT      NOT NULL,
    answered_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (topic, partition_no, record_offset)
);

CREATE INDEX automation_delivery_by_time ON automation_delivery (answered_at);
