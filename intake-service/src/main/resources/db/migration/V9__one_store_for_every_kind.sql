-- One revisioned, watchable store per cluster for every kind (docs/architecture.md "Storage"): every kind of a
-- cluster is numbered by the cluster's revision (cluster_revision), and every change of every kind goes to one change
-- log, filed under its resource, from which watches of any kind are served.

ALTER TABLE csr_change_log RENAME TO change_log;
ALTER TABLE change_log ADD COLUMN resource TEXT NOT NULL DEFAULT 'certificatesigningrequests.certificates.k8s.io';
ALTER TABLE change_log ALTER COLUMN resource DROP DEFAULT;
ALTER INDEX csr_change_log_logged_at RENAME TO change_log_logged_at;
ALTER TABLE csr_change_log_pruned RENAME TO change_log_pruned;

-- Objects the API keeps whole as their JSON (RBAC objects, approval policies, ...), of every cluster.
CREATE TABLE api_object (
    uid                 UUID        PRIMARY KEY,
    cluster             TEXT        NOT NULL,
    resource            TEXT        NOT NULL,
    name                TEXT        NOT NULL,
    resource_version    BIGINT      NOT NULL,
    body                TEXT        NOT NULL,
    CONSTRAINT api_object_name_per_cluster UNIQUE (cluster, resource, name)
);

-- The RBAC objects move in, renumbered by their cluster's revision: each gets a revision of its own above the
-- cluster's current one, as if it had just been written, so that its resourceVersion belongs to the cluster's series.
INSERT INTO cluster_revision (cluster, revision)
SELECT DISTINCT cluster, 0 FROM rbac_object
ON CONFLICT (cluster) DO NOTHING;

WITH numbered AS (
    SELECT o.uid, o.cluster, o.kind, o.name, o.body,
           r.revision + row_number() OVER (PARTITION BY o.cluster ORDER BY o.resource_version) AS revision
    FROM rbac_object o JOIN cluster_revision r ON r.cluster = o.cluster
)
INSERT INTO api_object (uid, cluster, resource, name, resource_version, body)
SELECT uid, cluster,
       CASE kind WHEN 'ClusterRole' THEN 'clusterroles.rbac.authorization.k8s.io'
                 ELSE 'clusterrolebindings.rbac.authorization.k8s.io' END,
       name, revision,
       jsonb_set(body::jsonb, '{metadata,resourceVersion}', to_jsonb(revision::text))::text
FROM numbered;

UPDATE cluster_revision r SET revision = moved.revision
FROM (SELECT cluster, max(resource_version) AS revision FROM api_object GROUP BY cluster) moved
WHERE moved.cluster = r.cluster;

-- Changes before the move are not in the log: a watch of them starts from a list.
INSERT INTO change_log_pruned (cluster, through_revision)
SELECT cluster, revision FROM cluster_revision
ON CONFLICT (cluster) DO UPDATE SET through_revision = EXCLUDED.through_revision;

DROP TABLE rbac_object;
DROP SEQUENCE rbac_revision;
