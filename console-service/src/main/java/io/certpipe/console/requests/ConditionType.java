package io.certpipe.console.requests;

/** The condition types of a request, as the Kubernetes API names them on the wire. */
public enum ConditionType {
    APPROVED("Approved"),
    DENIED("Denied"),
    FAILED("Failed");

    private final String wireName;

    ConditionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
