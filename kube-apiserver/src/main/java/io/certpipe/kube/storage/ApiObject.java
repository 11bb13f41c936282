package io.certpipe.kube.storage;

import io.certpipe.kube.ObjectMeta;

/** An object the generic store keeps whole: its metadata is the server's to set. */
public interface ApiObject {

    ObjectMeta metadata();
}
