package io.certpipe.kube.storage;

import io.certpipe.kube.GroupResource;

/**
 * How the change log keeps objects of one resource: as text it can read back, and where their resourceVersion is.
 * The CSR registry and every {@link ObjectKind} of the generic store are stored kinds.
 */
public interface StoredKind<T> {

    GroupResource groupResource();

    String encode(T object);

    T decode(String stored);

    long resourceVersionOf(T object);

    T withResourceVersion(T object, long resourceVersion);

    /** The key the change log files this resource's changes under. */
    default String logKey() {
        return groupResource().describe(null);
    }
}
