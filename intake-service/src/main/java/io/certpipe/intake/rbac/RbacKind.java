package io.certpipe.intake.rbac;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.intake.objects.KindSchemas;
import io.certpipe.intake.objects.ServedKind;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Schema;
import io.certpipe.kube.Table;

/**
 * ClusterRoles and ClusterRoleBindings as the generic store serves them: validated as Kubernetes' RBAC validation
 * does, refused when the writer would grant what it does not hold ({@link RbacEscalation}), and sent by
 * {@code kubectl create clusterrole|clusterrolebinding} as protobuf.
 */
abstract sealed class RbacKind<T extends RbacObject> extends ServedKind<T>
        permits RbacKind.ClusterRoles, RbacKind.ClusterRoleBindings {

    private final RbacApi.Kind kind;
    private final Schema schema;
    private final RbacPolicies policies;
    private final Authorizer authorizer;

    RbacKind(RbacApi.Kind kind, Class<T> type, RbacPolicies policies, Authorizer authorizer, ObjectMapper json) {
        super(kind.declaration(), type, json);
        this.kind = kind;
        this.schema = KindSchemas.fieldsOf(kind.declaration());
        this.policies = policies;
        this.authorizer = authorizer;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    @SuppressWarnings("unchecked") // each RBAC kind's withMetadata answers its own type
    public T withMetadata(T object, ObjectMeta metadata) {
        return (T) object.withMetadata(metadata);
    }

    @Override
    public List<FieldError> validate(T object) {
        return RbacValidation.errors(object);
    }

    @Override
    public List<FieldError> validateUpdate(T current, T updated) {
        return RbacValidation.updateErrors(current, updated);
    }

    @Override
    public void admit(String cluster, UserInfo caller, T object) {
        RbacEscalation.check(caller, object, policies.policy(cluster),
                request -> authorizer.allows(cluster, caller, request));
    }

    @Override
    @SuppressWarnings("unchecked") // the protobuf of this kind decodes to this kind
    public T decodeProtobuf(byte[] body) {
        return (T) RbacProtobuf.decode(kind, body);
    }

    @Override
    public Table table(List<T> objects, long resourceVersion, Instant now, Table.IncludeObject include) {
        return RbacTable.render(kind, objects, resourceVersion, now, include);
    }

    @Singleton
    static non-sealed class ClusterRoles extends RbacKind<ClusterRole> {

        ClusterRoles(RbacPolicies policies, Authorizer authorizer, ObjectMapper json) {
            super(RbacApi.Kind.CLUSTER_ROLE, ClusterRole.class, policies, authorizer, json);
        }
    }

    @Singleton
    static non-sealed class ClusterRoleBindings extends RbacKind<ClusterRoleBinding> {

        ClusterRoleBindings(RbacPolicies policies, Authorizer authorizer, ObjectMapper json) {
            super(RbacApi.Kind.CLUSTER_ROLE_BINDING, ClusterRoleBinding.class, policies, authorizer, json);
        }

        @Override
        public ClusterRoleBinding defaulted(ClusterRoleBinding binding) {
            return binding.withDefaults();
        }
    }
}
