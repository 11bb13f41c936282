-- Each request's history as Kubernetes core/v1 Events, written in the same transaction as the change it reports, so
-- `kubectl describe csr` shows exactly what happened. Rows outlive their request (an expired request's events tell
-- why it went) until certpipe.intake.history.retention has passed.
CREATE TABLE request_event (
    uid                UUID        PRIMARY KEY,
    cluster            TEXT        NOT NULL,
    resource_version   BIGINT      NOT NULL,
    involved_name      TEXT        NOT NULL,
    involved_uid       UUID        NOT NULL,
    event_type         TEXT        NOT NULL,
    reason             TEXT        NOT NULL,
    message            TEXT        NOT NULL,
    reporting_component TEXT       NOT NULL,
    event_time         TIMESTAMPTZ NOT NULL
);

CREATE INDEX request_event_by_object ON request_event (cluster, involved_name, event_time);
CREATE INDEX request_event_by_time ON request_event (event_time);
