-- Every committed change of a request, for watches: written in the same transaction as the change, under the
-- cluster's revision lock, so the rows of a cluster appear in revision order and a watch can replay every change
-- after a resourceVersion, then follow new ones, from this table alone (as kube-apiserver's watch cache does from
-- etcd). object is the request after the change (for a deletion: its last state); previous the request before it
-- (NULL when the change created it), so a watch with a selector sees a request start or stop matching.
CREATE TABLE csr_change_log (
    cluster    TEXT        NOT NULL,
    revision   BIGINT      NOT NULL,
    type       TEXT        NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
    object     TEXT        NOT NULL,
    previous   TEXT,
    logged_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (cluster, revision)
);

-- Pruning finds the changes older than the retention by time.
CREATE INDEX csr_change_log_logged_at ON csr_change_log (logged_at);

-- Per cluster, the highest revision pruned from the log: a watch from an older resourceVersion may have missed
-- changes and is answered 410 Expired; one from this revision or later replays everything it needs.
CREATE TABLE csr_change_log_pruned (
    cluster           TEXT   PRIMARY KEY,
    through_revision  BIGINT NOT NULL
);

-- The changes made before this log existed are not in it.
INSERT INTO csr_change_log_pruned (cluster, through_revision)
SELECT cluster, revision FROM cluster_revision;
