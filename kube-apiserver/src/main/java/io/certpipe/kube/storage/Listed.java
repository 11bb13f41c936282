package io.certpipe.kube.storage;

import java.util.List;

/** One cluster's objects of a kind, by name, and the cluster revision they are current at (one snapshot). */
public record Listed<T>(List<T> items, long resourceVersion) {
}
