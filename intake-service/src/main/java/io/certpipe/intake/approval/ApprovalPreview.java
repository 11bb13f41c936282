package io.certpipe.intake.approval;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.approval.AccessAnswers;
import io.certpipe.common.approval.AccessCheck;
import io.certpipe.common.approval.ApprovalEngine;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.DecisionData;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.intake.rbac.Authorizer;
import io.certpipe.intake.rbac.RequestAttributes;
import io.certpipe.kube.storage.ObjectStore;
import io.smallrye.mutiny.Uni;

/**
 * What the cluster's approval policies would decide about a request, for {@code kubectl create --dry-run=server}:
 * the same engine approval-service decides with, over the policies stored now, its access questions answered by this
 * cluster's RBAC. A preview, not a promise: approval-service decides with the policies it has read when the request
 * is really made.
 */
@ApplicationScoped
public class ApprovalPreview {

    private final ObjectStore store;
    private final ApprovalPolicyKind kind;
    private final Authorizer authorizer;

    public ApprovalPreview(ObjectStore store, ApprovalPolicyKind kind, Authorizer authorizer) {
        this.store = store;
        this.kind = kind;
        this.authorizer = authorizer;
    }

    /** The decision in words, as the warning a dry run answers with. */
    public Uni<String> of(CsrSnapshot csr) {
        return store.list(csr.cluster(), kind).map(listed -> {
            ApprovalEngine engine = new ApprovalEngine(listed.items().stream()
                    .map(ApprovalPolicyObject::toPolicy).toList());
            DecisionData decision = engine.decide(csr, answers(engine, csr)).decision();
            String outcome = switch (decision.verdict()) {
                case APPROVE -> "approve it";
                case DENY -> "deny it";
                case DEFER -> "leave it to a person";
            };
            return "approval policies would " + outcome + " (" + decision.reason() + "): " + decision.message();
        });
    }

    private AccessAnswers answers(ApprovalEngine engine, CsrSnapshot csr) {
        Map<AccessCheck, Boolean> answered = new HashMap<>();
        for (AccessCheck check : engine.accessChecks(csr)) {
            UserInfo subject = new UserInfo(check.user(), "", check.groups(), check.extra());
            answered.put(check, authorizer.allows(check.cluster(), subject, RequestAttributes.resource(check.verb(),
                    check.group(), check.resource(), check.subresource(), "")));
        }
        return AccessAnswers.of(answered);
    }
}
