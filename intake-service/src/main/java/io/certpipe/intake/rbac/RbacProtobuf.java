package io.certpipe.intake.rbac;

import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ProtobufEnvelope;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Rbac;

/** RBAC objects as kubectl's typed calls send them ({@code kubectl create clusterrole|clusterrolebinding}). */
final class RbacProtobuf {

    private RbacProtobuf() {
    }

    static RbacObject decode(RbacApi.Kind kind, byte[] body) {
        try {
            var raw = ProtobufEnvelope.unwrap(body, kind.kind());
            return switch (kind) {
                case CLUSTER_ROLE -> role(V1Rbac.ClusterRole.parseFrom(raw));
                case CLUSTER_ROLE_BINDING -> binding(V1Rbac.ClusterRoleBinding.parseFrom(raw));
            };
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("cannot decode the protobuf " + kind.kind() + ": " + e.getMessage());
        }
    }

    private static ClusterRole role(V1Rbac.ClusterRole role) {
        List<PolicyRule> rules = role.getRulesList().stream().map(rule -> new PolicyRule(rule.getVerbsList(),
                rule.getApiGroupsList(), rule.getResourcesList(), rule.getResourceNamesList(),
                rule.getNonResourceURLsList())).toList();
        return new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION, metadata(role.getMetadata()), rules);
    }

    private static ClusterRoleBinding binding(V1Rbac.ClusterRoleBinding binding) {
        V1Rbac.RoleRef ref = binding.getRoleRef();
        List<ClusterRoleBinding.Subject> subjects = binding.getSubjectsList().stream()
                .map(subject -> new ClusterRoleBinding.Subject(subject.getKind(), subject.getApiGroup(),
                        subject.getName(), subject.getNamespace().isEmpty() ? null : subject.getNamespace()))
                .toList();
        return new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION,
                metadata(binding.getMetadata()),
                new ClusterRoleBinding.RoleRef(ref.getApiGroup(), ref.getKind(), ref.getName()), subjects);
    }

    private static ObjectMeta metadata(Meta.ObjectMeta metadata) {
        List<Map<String, Object>> ownerReferences = metadata.getOwnerReferencesList().stream()
                .map(owner -> Map.<String, Object>of("apiVersion", owner.getApiVersion(), "kind", owner.getKind(),
                        "name", owner.getName(), "uid", owner.getUid()))
                .toList();
        return new ObjectMeta(metadata.getName(), metadata.getGenerateName(), null,
                metadata.getResourceVersion().isEmpty() ? null : metadata.getResourceVersion(), null,
                metadata.getLabelsMap(), metadata.getAnnotationsMap(), metadata.getFinalizersList(), ownerReferences);
    }
}
