package io.certpipe.common.approval;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.event.CsrSnapshot;

/**
 * An action the requester must be allowed by the cluster's RBAC, as Kubernetes' kubelet client approver asks whether
 * a node may {@code create certificatesigningrequests/selfnodeclient} in {@code certificates.k8s.io}
 * ({@code sarapprove.go}). The engine cannot ask; it names the question ({@link AccessCheck}) and its caller answers.
 *
 * @param verb the verb, e.g. {@code create}
 * @param group the API group; absent: the core group
 * @param resource the resource, e.g. {@code certificatesigningrequests}
 * @param subresource the subresource, e.g. {@code selfnodeclient}; absent: none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessRule(String verb, String group, String resource, String subresource) {

    public AccessRule {
        group = group == null ? "" : group;
        subresource = subresource == null ? "" : subresource;
    }

    /** The question whether the requester of {@code csr} may do this. */
    AccessCheck checkFor(CsrSnapshot csr) {
        return new AccessCheck(csr.cluster(), csr.username(), csr.groups(), csr.extra(), verb, group, resource,
                subresource);
    }

    void addProblems(String field, List<FieldProblem> problems) {
        if (verb == null || verb.isBlank()) {
            problems.add(new FieldProblem(field + ".verb", "required"));
        }
        if (resource == null || resource.isBlank()) {
            problems.add(new FieldProblem(field + ".resource", "required"));
        }
    }
}
