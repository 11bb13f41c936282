package io.certpipe.intake.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.FieldProblem;
import io.certpipe.intake.objects.KindSchemas;
import io.certpipe.intake.objects.ServedKind;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.HumanDuration;
import io.certpipe.kube.NameRules;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ObjectMetaValidation;
import io.certpipe.kube.PatchType;
import io.certpipe.kube.Schema;
import io.certpipe.kube.Table;
import io.certpipe.kube.Verbs;

/**
 * ApprovalPolicies as the generic store serves them, one set per cluster (docs/approval.md): validated by the policy
 * model's own rules, each problem named by its field, so a policy that could not be evaluated is never stored.
 */
@Singleton
public class ApprovalPolicyKind extends ServedKind<ApprovalPolicyObject> {

    public static final ApiResource DECLARATION = new ApiResource(ApprovalPolicy.GROUP, ApprovalPolicy.VERSION,
            ApprovalPolicy.KIND, ApprovalPolicy.RESOURCE,
            "approvalpolicy", List.of(), List.of(Verbs.CREATE, Verbs.DELETE, Verbs.GET, Verbs.LIST, Verbs.PATCH,
                    Verbs.UPDATE, Verbs.WATCH),
            false, List.of(), true);

    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "Name of the policy; policies are evaluated in name order.", 0),
            new Table.Column("Signers", "string", "", "The signer names the policy selects.", 0),
            new Table.Column("On Violation", "string", "", "What a selected request that breaks a constraint gets.", 0),
            new Table.Column("Age", "string", "", "Time since the policy was created.", 0),
            new Table.Column("Requesters", "string", "", "The users and groups the policy selects.", 1));

    private final Schema schema;

    public ApprovalPolicyKind(ObjectMapper json) {
        super(DECLARATION, ApprovalPolicyObject.class, json);
        this.schema = KindSchemas.fieldsOf(DECLARATION);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** Server-side, a kind outside Kubernetes' scheme takes JSON and merge patches, as a custom resource does. */
    @Override
    public List<PatchType> patchTypes() {
        return List.of(PatchType.JSON, PatchType.MERGE);
    }

    @Override
    public ApprovalPolicyObject withMetadata(ApprovalPolicyObject policy, ObjectMeta metadata) {
        return new ApprovalPolicyObject(ApprovalPolicy.API_VERSION, ApprovalPolicy.KIND, metadata, policy.spec());
    }

    @Override
    public List<FieldError> validate(ApprovalPolicyObject policy) {
        ObjectMeta metadata = policy.metadata() == null ? ObjectMeta.none() : policy.metadata();
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(metadata, NameRules.DNS_SUBDOMAIN_NAME));
        if (policy.spec() == null) {
            errors.add(FieldError.required("spec", "a policy needs a spec"));
            return errors;
        }
        for (FieldProblem problem : policy.spec().problems()) {
            errors.add(FieldError.invalidOmittingValue(problem.field(), problem.message()));
        }
        return errors;
    }

    @Override
    public Table table(List<ApprovalPolicyObject> policies, long resourceVersion, Instant now,
            Table.IncludeObject include) {
        return Table.of(resourceVersion, COLUMNS, policies.stream().map(policy -> new Table.Row(List.of(
                policy.metadata().name(),
                anyWhenEmpty(policy.spec().selector().signerNames()),
                policy.spec().onViolation(),
                HumanDuration.of(Duration.between(policy.metadata().creationTimestamp(), now)),
                requesters(policy)), shown(policy, include))).toList());
    }

    private static String requesters(ApprovalPolicyObject policy) {
        List<String> who = new ArrayList<>(policy.spec().selector().users());
        policy.spec().selector().groups().forEach(group -> who.add("group:" + group));
        return anyWhenEmpty(who);
    }

    private static String anyWhenEmpty(List<String> values) {
        return values.isEmpty() ? "<any>" : String.join(",", values);
    }

    private static Object shown(ApprovalPolicyObject policy, Table.IncludeObject include) {
        return switch (include) {
            case NONE -> null;
            case METADATA -> Table.PartialObjectMetadata.of(policy.metadata());
            case OBJECT -> policy;
        };
    }
}
