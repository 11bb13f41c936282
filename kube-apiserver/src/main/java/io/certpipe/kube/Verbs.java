package io.certpipe.kube;

/** The Kubernetes verbs: those {@link RequestInfo} reads from HTTP requests, and the special ones RBAC knows. */
public final class Verbs {

    public static final String GET = "get";
    public static final String LIST = "list";
    public static final String WATCH = "watch";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String PATCH = "patch";
    public static final String DELETE = "delete";
    /** A {@code DELETE} on a collection. */
    public static final String DELETE_COLLECTION = "deletecollection";
    /** On RBAC {@code clusterroles}: grant permissions one does not hold. */
    public static final String ESCALATE = "escalate";
    /** On RBAC {@code clusterroles}: bind a role one's permissions do not cover. */
    public static final String BIND = "bind";
    /** On the {@code signers} pseudo-resource: decide requests for that signer. */
    public static final String APPROVE = "approve";
    /** On the {@code signers} pseudo-resource: write certificates or failures for that signer. */
    public static final String SIGN = "sign";

    private Verbs() {
    }
}
