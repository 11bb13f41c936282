package io.certpipe.intake.rbac;

import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.storage.ApiObject;

/** A stored RBAC object: its metadata is the server's to set. */
public sealed interface RbacObject extends ApiObject permits ClusterRole, ClusterRoleBinding {

    RbacObject withMetadata(ObjectMeta metadata);
}
