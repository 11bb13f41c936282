package io.certpipe.intake.rbac;

import io.certpipe.kube.ObjectMeta;

/** A stored RBAC object: its metadata is the server's to set. */
public sealed interface RbacObject permits ClusterRole, ClusterRoleBinding {

    ObjectMeta metadata();

    RbacObject withMetadata(ObjectMeta metadata);
}
