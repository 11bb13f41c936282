package io.certpipe.intake.approval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.ApprovalPolicySpec;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.storage.ApiObject;

/**
 * {@code certpipe.io/v1 ApprovalPolicy} on the wire: a policy of the engine ({@link ApprovalPolicy}) with the
 * metadata of a cluster-scoped Kubernetes object. Unknown fields are the field validation's to judge.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalPolicyObject(String apiVersion, String kind, ObjectMeta metadata, ApprovalPolicySpec spec)
        implements ApiObject {

    public static ApprovalPolicyObject of(ApprovalPolicy policy, ObjectMeta metadata) {
        return new ApprovalPolicyObject(ApprovalPolicy.API_VERSION, ApprovalPolicy.KIND,
                metadata.withName(policy.name()), policy.spec());
    }

    /** The policy the engine decides with. */
    public ApprovalPolicy toPolicy() {
        return new ApprovalPolicy(metadata.name(), spec);
    }
}
