-- Kubernetes RBAC objects (ClusterRole, ClusterRoleBinding) of each cluster, stored as their JSON wire form: intake
-- reads them whole into its authoriser, never field by field.
CREATE SEQUENCE rbac_revision;

CREATE TABLE rbac_object (
    uid                 UUID        PRIMARY KEY,
    cluster             TEXT        NOT NULL,
    kind                TEXT        NOT NULL,
    name                TEXT        NOT NULL,
    resource_version    BIGINT      NOT NULL,
    body                TEXT        NOT NULL,
    CONSTRAINT rbac_object_name_per_cluster UNIQUE (cluster, kind, name)
);
