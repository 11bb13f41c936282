package io.certpipe.intake.discovery;

import java.util.List;

import io.certpipe.intake.approval.ApprovalPolicyKind;
import io.certpipe.intake.csr.CsrApi;
import io.certpipe.intake.history.EventsResource;
import io.certpipe.intake.identity.SelfSubjectReviewResource;
import io.certpipe.intake.rbac.AccessReviewResource;
import io.certpipe.intake.rbac.RbacApi;
import io.certpipe.intake.signer.SignerObjects;
import io.certpipe.kube.ApiResource;

/**
 * Every resource intake serves, each declared beside what serves it; discovery and OpenAPI are made from this list.
 * The order is the order kubectl lists groups in: a group's first version here is its preferred one.
 */
final class ServedResources {

    static final List<ApiResource> ALL = List.of(
            EventsResource.DECLARATION,
            CsrApi.DECLARATION,
            SignerObjects.TRUST_BUNDLE_RESOURCE,
            SelfSubjectReviewResource.DECLARATION,
            AccessReviewResource.SELF_DECLARATION,
            AccessReviewResource.DECLARATION,
            RbacApi.Kind.CLUSTER_ROLE.declaration(),
            RbacApi.Kind.CLUSTER_ROLE_BINDING.declaration(),
            SignerObjects.SIGNER_RESOURCE,
            ApprovalPolicyKind.DECLARATION);

    private ServedResources() {
    }
}
