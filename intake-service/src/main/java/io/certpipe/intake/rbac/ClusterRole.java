package io.certpipe.intake.rbac;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.kube.ObjectMeta;

/** {@code rbac.authorization.k8s.io/v1 ClusterRole} on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterRole(String kind, String apiVersion, ObjectMeta metadata, List<PolicyRule> rules)
        implements RbacObject {

    public static final String KIND = "ClusterRole";

    public ClusterRole {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    @Override
    public ClusterRole withMetadata(ObjectMeta newMetadata) {
        return new ClusterRole(KIND, RbacApi.GROUP_VERSION, newMetadata, rules);
    }
}
