package io.certpipe.intake.csr;

import java.util.Map;

import io.certpipe.kube.Schema;

/** The fields of {@code certificates.k8s.io/v1 CertificateSigningRequest}, for {@code fieldValidation}. */
final class CsrSchema {

    private static final Schema CONDITION = new Schema.Fields(Map.of(
            "type", Schema.OPAQUE, "status", Schema.OPAQUE, "reason", Schema.OPAQUE, "message", Schema.OPAQUE,
            "lastUpdateTime", Schema.OPAQUE, "lastTransitionTime", Schema.OPAQUE));

    static final Schema CSR = new Schema.Fields(Map.of(
            "kind", Schema.OPAQUE,
            "apiVersion", Schema.OPAQUE,
            "metadata", Schema.OBJECT_META,
            "spec", new Schema.Fields(Map.of(
                    "request", Schema.OPAQUE, "signerName", Schema.OPAQUE, "expirationSeconds", Schema.OPAQUE,
                    "usages", new Schema.ListOf(Schema.OPAQUE), "username", Schema.OPAQUE, "uid", Schema.OPAQUE,
                    "groups", new Schema.ListOf(Schema.OPAQUE), "extra", new Schema.MapOf(Schema.OPAQUE))),
            "status", new Schema.Fields(Map.of(
                    "conditions", new Schema.ListOf(CONDITION), "certificate", Schema.OPAQUE))));

    private CsrSchema() {
    }
}
