package io.certpipe.common.csr;

/**
 * The user and group names Kubernetes gives a meaning to, as certificate subjects carry them (CN user, O groups) and
 * {@link SubjectName} reads them.
 */
public final class KubernetesIdentities {

    /** Cluster administrators: may do everything; never issued through {@code kube-apiserver-client}. */
    public static final String MASTERS_GROUP = "system:masters";
    /** Kubelets: the only organization of a kubelet's client and serving certificates. */
    public static final String NODES_GROUP = "system:nodes";
    /** A kubelet's user name is this prefix and its node name. */
    public static final String NODE_USER_PREFIX = "system:node:";

    private KubernetesIdentities() {
    }
}
