package io.certpipe.intake.rbac;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.certpipe.kube.HumanDuration;
import io.certpipe.kube.Table;

/** Kubernetes' printers for ClusterRoles and ClusterRoleBindings, server side. */
final class RbacTable {

    private static final List<Table.Column> ROLE_COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
            new Table.Column("Created At", "date", "", "Time is a wrapper around time.Time.", 0));
    private static final List<Table.Column> BINDING_COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
            new Table.Column("Role", "string", "", "RoleRef can only reference the current namespace.", 0),
            new Table.Column("Age", "string", "", "CreationTimestamp is a timestamp.", 0),
            new Table.Column("Users", "string", "", "Users in the binding.", 1),
            new Table.Column("Groups", "string", "", "Groups in the binding.", 1),
            new Table.Column("ServiceAccounts", "string", "", "ServiceAccounts in the binding.", 1));

    private RbacTable() {
    }

    static Table render(RbacApi.Kind kind, List<? extends RbacObject> objects, long revision, Instant now,
            Table.IncludeObject include) {
        List<Table.Column> columns = kind == RbacApi.Kind.CLUSTER_ROLE ? ROLE_COLUMNS : BINDING_COLUMNS;
        return Table.of(revision, columns, objects.stream().map(object -> row(object, now, include)).toList());
    }

    private static Table.Row row(RbacObject object, Instant now, Table.IncludeObject include) {
        List<Object> cells = switch (object) {
            case ClusterRole role -> List.of(role.metadata().name(), role.metadata().creationTimestamp().toString());
            case ClusterRoleBinding binding -> List.of(binding.metadata().name(),
                    ClusterRole.KIND + "/" + binding.roleRef().name(),
                    HumanDuration.of(Duration.between(binding.metadata().creationTimestamp(), now)),
                    subjects(binding, ClusterRoleBinding.Subject.USER),
                    subjects(binding, ClusterRoleBinding.Subject.GROUP), "");
        };
        Object row = switch (include) {
            case NONE -> null;
            case METADATA -> Table.PartialObjectMetadata.of(object.metadata());
            case OBJECT -> object;
        };
        return new Table.Row(cells, row);
    }

    private static String subjects(ClusterRoleBinding binding, String kind) {
        return binding.subjects().stream().filter(subject -> kind.equals(subject.kind()))
                .map(ClusterRoleBinding.Subject::name).collect(Collectors.joining(", "));
    }
}
