package io.certpipe.kube;

/** Kubernetes' {@code ListMeta}: the revision a list or table is current at. */
public record ListMeta(String resourceVersion) {
}
