package io.certpipe.intake.rbac;

import java.util.Map;

import io.certpipe.kube.Schema;

/** The fields of ClusterRole and ClusterRoleBinding, for {@code fieldValidation}. */
final class RbacSchema {

    private static final Schema STRINGS = new Schema.ListOf(Schema.OPAQUE);

    static final Schema CLUSTER_ROLE = new Schema.Fields(Map.of(
            "kind", Schema.OPAQUE, "apiVersion", Schema.OPAQUE, "metadata", Schema.OBJECT_META,
            "rules", new Schema.ListOf(new Schema.Fields(Map.of("verbs", STRINGS, "apiGroups", STRINGS,
                    "resources", STRINGS, "resourceNames", STRINGS, "nonResourceURLs", STRINGS))),
            "aggregationRule", Schema.OPAQUE));

    static final Schema CLUSTER_ROLE_BINDING = new Schema.Fields(Map.of(
            "kind", Schema.OPAQUE, "apiVersion", Schema.OPAQUE, "metadata", Schema.OBJECT_META,
            "roleRef", new Schema.Fields(Map.of("apiGroup", Schema.OPAQUE, "kind", Schema.OPAQUE,
                    "name", Schema.OPAQUE)),
            "subjects", new Schema.ListOf(new Schema.Fields(Map.of("kind", Schema.OPAQUE, "apiGroup", Schema.OPAQUE,
                    "name", Schema.OPAQUE, "namespace", Schema.OPAQUE)))));

    private RbacSchema() {
    }

    static Schema of(RbacApi.Kind kind) {
        return switch (kind) {
            case CLUSTER_ROLE -> CLUSTER_ROLE;
            case CLUSTER_ROLE_BINDING -> CLUSTER_ROLE_BINDING;
        };
    }
}
