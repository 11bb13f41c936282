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
    /**
     * approval-service's user in every cluster: it asks the cluster's SubjectAccessReviews for the policies that need
     * them, with a client certificate ./certpipe issues it per cluster, and may do nothing else.
     */
    public static final String APPROVAL_SERVICE_USER = "certpipe:approval-service";

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

    /** {@code approval-service-user}: prints that user, for ./certpipe to issue its certificates. */
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].equals("approval-service-user")) {
            System.err.println("usage: KubernetesIdentities approval-service-user");
            System.exit(2);
        }
        System.out.println(APPROVAL_SERVICE_USER);
    }
}
