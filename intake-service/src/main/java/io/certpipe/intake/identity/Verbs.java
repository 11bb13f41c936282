package io.certpipe.intake.identity;

/** The Kubernetes verbs intake serves. */
public final class Verbs {

    public static final String GET = "get";
    public static final String LIST = "list";
    public static final String WATCH = "watch";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String PATCH = "patch";
    public static final String DELETE = "delete";

    private Verbs() {
    }
}
