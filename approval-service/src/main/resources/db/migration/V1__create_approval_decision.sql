-- One row per request approval-service has decided (approved by a policy, or deferred to a human). The unique key
-- makes a redelivered "created" event a no-op.
CREATE TABLE approval_decision (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster     TEXT        NOT NULL,
    csr_uid     TEXT        NOT NULL,
    csr_name    TEXT        NOT NULL,
    verdict     TEXT        NOT NULL,
    policy      TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    message     TEXT        NOT NULL,
    decided_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT approval_decision_request_unique UNIQUE (cluster, csr_uid)
);
