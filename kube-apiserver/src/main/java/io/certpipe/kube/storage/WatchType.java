package io.certpipe.kube.storage;

/** What a committed change did to an object, as a watch event names it. */
public enum WatchType {
    ADDED, MODIFIED, DELETED
}
