package io.certpipe.intake.csr;

import java.util.HashMap;
import java.util.Map;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.ObjectMeta;

/**
 * {@code kubectl apply --server-side}: a {@code PATCH} with {@code application/apply-patch+yaml} carrying the user's
 * configuration. A request is created from it when missing; on an existing request the configuration's labels and
 * annotations are set (others are kept) and its spec must be the stored one, since a spec never changes.
 * Field ownership per manager is not tracked: a label the configuration drops stays until it is removed
 * explicitly (docs/operations.md).
 */
final class ServerSideApply {

    private ServerSideApply() {
    }

    /** As Kubernetes: an apply must say who applies. */
    static void requireFieldManager(String fieldManager) {
        if (fieldManager == null || fieldManager.isEmpty()) {
            throw ApiException.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch");
        }
    }

    static CsrChange.PatchedMetadata merge(StoredCsr current, ObjectMeta applied,
            CertificateSigningRequest.Spec spec) {
        ObjectMeta merged = new ObjectMeta(current.name(), applied.generateName(), null, applied.resourceVersion(),
                null, overlay(current.labels(), applied.labels()), overlay(current.annotations(),
                applied.annotations()), applied.finalizers(), applied.ownerReferences());
        return new CsrChange.PatchedMetadata(merged, SubmittedSpec.changes(current, spec));
    }

    private static Map<String, String> overlay(Map<String, String> stored, Map<String, String> applied) {
        Map<String, String> result = new HashMap<>(stored);
        if (applied != null) {
            result.putAll(applied);
        }
        return result;
    }
}
