package io.certpipe.common.csr;

import java.util.Optional;

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

    /** The node a kubelet's user name stands for ({@code system:node:n1} is node {@code n1}); empty for other users. */
    public static Optional<String> nodeName(String username) {
        if (username == null || !username.startsWith(NODE_USER_PREFIX)
                || username.length() == NODE_USER_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(username.substring(NODE_USER_PREFIX.length()));
    }
}
