package io.certpipe.intake.rbac;

import java.util.List;
import java.util.Locale;

import io.certpipe.kube.ApiResource;
import io.certpipe.kube.GroupResource;
import io.certpipe.kube.Verbs;

/** The names under which Kubernetes serves RBAC objects. */
public final class RbacApi {

    public static final String GROUP = "rbac.authorization.k8s.io";
    public static final String VERSION = "v1";
    public static final String GROUP_VERSION = GROUP + "/" + VERSION;
    public static final String CLUSTER_ROLES = "clusterroles";
    public static final String CLUSTER_ROLE_BINDINGS = "clusterrolebindings";

    /** The kinds, with the resource each is served as. */
    public enum Kind {
        CLUSTER_ROLE(ClusterRole.KIND, CLUSTER_ROLES, ClusterRole.class),
        CLUSTER_ROLE_BINDING(ClusterRoleBinding.KIND, CLUSTER_ROLE_BINDINGS, ClusterRoleBinding.class);

        private final String kind;
        private final String resource;
        private final Class<? extends RbacObject> type;

        Kind(String kind, String resource, Class<? extends RbacObject> type) {
            this.kind = kind;
            this.resource = resource;
            this.type = type;
        }

        public String kind() {
            return kind;
        }

        public String resource() {
            return resource;
        }

        public Class<? extends RbacObject> type() {
            return type;
        }

        /** The resource as discovery and OpenAPI declare it. */
        public ApiResource declaration() {
            return new ApiResource(GROUP, VERSION, kind, resource, kind.toLowerCase(Locale.ROOT), List.of(),
                    List.of(Verbs.CREATE, Verbs.DELETE, Verbs.GET, Verbs.LIST, Verbs.PATCH, Verbs.UPDATE, Verbs.WATCH),
                    false, List.of(), true);
        }

        public GroupResource groupResource() {
            return declaration().groupResource();
        }

        public static Kind ofKind(String kind) {
            return ClusterRole.KIND.equals(kind) ? CLUSTER_ROLE : CLUSTER_ROLE_BINDING;
        }


        public static Kind of(RbacObject object) {
            return object instanceof ClusterRole ? CLUSTER_ROLE : CLUSTER_ROLE_BINDING;
        }
    }

    private RbacApi() {
    }
}
