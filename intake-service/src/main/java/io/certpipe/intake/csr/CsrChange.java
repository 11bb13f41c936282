package io.certpipe.intake.csr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.SigningFailedData;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.NameRules;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ObjectMetaValidation;
import io.certpipe.kube.ResourceVersions;

/**
 * Every change a request can undergo, and the state rules that govern it. Status moves forward only: a decided
 * request is not decided again, an issued certificate is never replaced, conditions are never removed, Approved and
 * Denied never coexist. {@link CsrStore#apply} runs each of them the same way.
 */
public sealed interface CsrChange {

    /** What this change does to {@code current}; {@code now} is the server time, to the second. */
    Outcome applyTo(StoredCsr current, Instant now);

    /** Whether this change leaves every request as it is, whatever its state, so that it need not be looked up. */
    default boolean changesNothing() {
        return false;
    }

    /** What this change does when no request matches: by default whatever the lookup says. */
    default Outcome whenMissing(CsrLookup lookup) {
        return lookup.whenMissing();
    }

    /** {@code POST}: a new, validated request. */
    record Create(StoredCsr proposed, Actor actor) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            throw ApiException.alreadyExists(CsrApi.GROUP_RESOURCE, current.name());
        }

        @Override
        public Outcome whenMissing(CsrLookup lookup) {
            return new Outcome.Written(proposed, EventType.CREATED, actor, null, null);
        }
    }

    /** A condition asked for through the {@code approval} subresource: its type, status, reason and message. */
    record RequestedCondition(String type, String status, String reason, String message) {
    }

    /**
     * {@code PUT .../approval}: the caller's view of the conditions. Approved and Denied conditions it adds are
     * recorded with server times; conditions already there keep theirs; others are not this subresource's business.
     * An approval follows the signer's {@code rules}: a requester who may not approve their own request is refused,
     * and where several distinct approvers are needed each approval is recorded until the last makes the request
     * Approved, its condition naming them all. One denial still denies.
     */
    record ApprovalUpdate(Long expectedResourceVersion, List<RequestedCondition> requested, Actor actor,
            ApprovalRules rules) implements CsrChange {

        private static final String TRUE = "True";

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            if (expectedResourceVersion != null && expectedResourceVersion != current.resourceVersion()) {
                throw ApiException.conflict(CsrApi.GROUP_RESOURCE, current.name());
            }
            List<FieldError> errors = new ArrayList<>();
            List<CsrCondition> conditions = new ArrayList<>(current.conditions());
            CsrCondition added = null;
            for (int i = 0; i < requested.size(); i++) {
                RequestedCondition condition = requested.get(i);
                if (!isDecision(condition.type()) || hasType(conditions, condition.type())) {
                    continue;
                }
                if (!TRUE.equals(condition.status())) {
                    errors.add(FieldError.notSupported("status.conditions[" + i + "].status", condition.status(),
                            List.of(TRUE)));
                    continue;
                }
                if (hasType(conditions, opposite(condition.type()))) {
                    errors.add(FieldError.invalid("status.conditions[" + i + "].type", condition.type(),
                            "Approved and Denied conditions are mutually exclusive"));
                    continue;
                }
                added = new CsrCondition(condition.type(), TRUE, condition.reason(), condition.message(), now, now);
                conditions.add(added);
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(CsrApi.GROUP_KIND, current.name(), errors);
            }
            if (added == null) {
                return new Outcome.Unchanged(current);
            }
            if (CsrCondition.APPROVED.equals(added.type())) {
                return approve(current, added, now);
            }
            return new Outcome.Written(current.withConditions(conditions), eventFor(added.type()), actor,
                    added.reason(), added.message());
        }

        private Outcome approve(StoredCsr current, CsrCondition approved, Instant now) {
            if (!rules.mayApprove(actor.username(), current.username())) {
                throw ApiException.forbidden(CsrApi.GROUP_RESOURCE, current.name(), "User \"" + actor.username()
                        + "\" cannot approve CertificateSigningRequest \"" + current.name() + "\": they requested it, "
                        + "and signer " + current.signerName() + " needs it approved by someone else");
            }
            if (rules.approvers() == 1) {
                return new Outcome.Written(current.withCondition(approved), EventType.APPROVED, actor,
                        approved.reason(), approved.message());
            }
            if (current.approvals().stream().anyMatch(approval -> approval.user().equals(actor.username()))) {
                return new Outcome.Unchanged(current);
            }
            StoredCsr recorded = current.withApproval(new RecordedApproval(actor.username(), now, approved.reason(),
                    approved.message()));
            String tally = recorded.approvals().size() + " of " + rules.approvers() + " approvers ("
                    + recorded.approverNames() + ")";
            if (recorded.approvals().size() < rules.approvers()) {
                return new Outcome.ApprovalRecorded(recorded, actor, "Approval " + tally + " for signer "
                        + current.signerName() + "; pending until " + (rules.approvers()
                        - recorded.approvals().size()) + " more approve");
            }
            String message = (approved.message() == null || approved.message().isEmpty() ? ""
                    : approved.message() + " ") + "(" + tally + ")";
            CsrCondition condition = new CsrCondition(approved.type(), approved.status(), approved.reason(), message,
                    approved.lastUpdateTime(), approved.lastTransitionTime());
            return new Outcome.Written(recorded.withCondition(condition), EventType.APPROVED, actor,
                    condition.reason(), condition.message());
        }

        static boolean isDecision(String type) {
            return CsrCondition.APPROVED.equals(type) || CsrCondition.DENIED.equals(type);
        }

        private static String opposite(String decision) {
            return CsrCondition.APPROVED.equals(decision) ? CsrCondition.DENIED : CsrCondition.APPROVED;
        }

        private static boolean hasType(List<CsrCondition> conditions, String type) {
            return conditions.stream().anyMatch(condition -> condition.type().equals(type));
        }
    }

    /** approval-service's verdict. A request already approved or denied keeps its decision; DEFER changes nothing. */
    record Decide(DecisionData decision) implements CsrChange {

        @Override
        public boolean changesNothing() {
            return decision.verdict() == DecisionData.Verdict.DEFER;
        }

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            if (changesNothing() || current.hasCondition(CsrCondition.APPROVED)
                    || current.hasCondition(CsrCondition.DENIED)) {
                return new Outcome.Unchanged(current);
            }
            String type = decision.verdict() == DecisionData.Verdict.APPROVE ? CsrCondition.APPROVED
                    : CsrCondition.DENIED;
            CsrCondition condition = new CsrCondition(type, "True", decision.reason(), decision.message(), now, now);
            return new Outcome.Written(current.withCondition(condition), eventFor(type), decision.actor(),
                    decision.reason(), decision.message());
        }
    }

    /** signing-service's certificate. Only an approved request that has neither a certificate nor a failure takes it. */
    record Issue(SignedData signed) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            if (!isAwaitingSignature(current)) {
                return new Outcome.Unchanged(current);
            }
            String message = "certificate serial " + signed.serialNumber() + " issued by CA key " + signed.caKeyId()
                    + ", valid until " + signed.notAfter();
            return new Outcome.Written(current.withCertificate(signed.certificate()), EventType.ISSUED,
                    signed.actor(), null, message);
        }
    }

    /** signing-service's terminal refusal, recorded as the {@code Failed} condition. */
    record Fail(SigningFailedData failure) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            if (!isAwaitingSignature(current)) {
                return new Outcome.Unchanged(current);
            }
            CsrCondition condition = new CsrCondition(CsrCondition.FAILED, "True", failure.reason(),
                    failure.message(), now, now);
            return new Outcome.Written(current.withCondition(condition), EventType.FAILED, failure.actor(),
                    failure.reason(), failure.message());
        }
    }

    /**
     * The metadata an update leaves (its resourceVersion the caller's precondition), and whether it also tried to
     * change the spec.
     */
    record PatchedMetadata(ObjectMeta metadata, boolean changesSpec) {
    }

    /**
     * {@code PATCH}, {@code PUT} ({@code kubectl replace}) and apply on an existing request: only labels and
     * annotations may change, and the metadata left must be valid as on creation; the spec is immutable and the
     * status is not this endpoint's to write, as in Kubernetes.
     */
    record MetadataUpdate(Function<StoredCsr, PatchedMetadata> update) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            PatchedMetadata patched = update.apply(current);
            ObjectMeta metadata = patched.metadata().withName(current.name());
            Long expectedResourceVersion = ResourceVersions.parse(metadata.resourceVersion());
            if (expectedResourceVersion != null && expectedResourceVersion != current.resourceVersion()) {
                throw ApiException.conflict(CsrApi.GROUP_RESOURCE, current.name());
            }
            List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(metadata,
                    NameRules.PATH_SEGMENT));
            if (patched.changesSpec()) {
                errors.add(FieldError.invalidOmittingValue("spec", "field is immutable"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(CsrApi.GROUP_KIND, current.name(), errors);
            }
            Map<String, String> labels = metadata.labels() == null ? Map.of() : metadata.labels();
            Map<String, String> annotations = metadata.annotations() == null ? Map.of() : metadata.annotations();
            if (labels.equals(current.labels()) && annotations.equals(current.annotations())) {
                return new Outcome.Unchanged(current);
            }
            return new Outcome.Relabelled(current.withMetadata(labels, annotations));
        }
    }

    /**
     * Server-side apply: creates the request when it does not exist ({@code creation} validates it only then), or
     * updates its metadata as {@link MetadataUpdate} does.
     */
    record Apply(Supplier<StoredCsr> creation, Actor actor, Function<StoredCsr, PatchedMetadata> update)
            implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            return new MetadataUpdate(update).applyTo(current, now);
        }

        @Override
        public Outcome whenMissing(CsrLookup lookup) {
            return new Create(creation.get(), actor).whenMissing(lookup);
        }
    }

    /**
     * {@code PUT .../status}, what a signer outside certpipe writes: the certificate (set once, only on an approved
     * request, never replaced) and the {@code Failed} condition. Approved and Denied belong to {@code approval};
     * conditions are never removed.
     */
    record StatusUpdate(Long expectedResourceVersion, List<RequestedCondition> requested, String certificatePem,
            Actor actor) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            if (expectedResourceVersion != null && expectedResourceVersion != current.resourceVersion()) {
                throw ApiException.conflict(CsrApi.GROUP_RESOURCE, current.name());
            }
            List<FieldError> errors = new ArrayList<>(checkKeptConditions(current));
            CsrCondition failure = null;
            for (int i = 0; i < requested.size(); i++) {
                RequestedCondition condition = requested.get(i);
                String field = "status.conditions[" + i + "]";
                if (current.hasCondition(condition.type())) {
                    continue;
                }
                if (ApprovalUpdate.isDecision(condition.type())) {
                    errors.add(FieldError.forbidden("status.conditions",
                            "updates may not add a condition of type \"" + condition.type() + "\""));
                } else if (!CsrCondition.FAILED.equals(condition.type())) {
                    errors.add(FieldError.notSupported(field + ".type", condition.type(),
                            List.of(CsrCondition.FAILED)));
                } else if (!"True".equals(condition.status())) {
                    errors.add(FieldError.notSupported(field + ".status", condition.status(), List.of("True")));
                } else {
                    failure = new CsrCondition(CsrCondition.FAILED, "True", condition.reason(), condition.message(),
                            now, now);
                }
            }
            boolean issues = certificatePem != null && !certificatePem.equals(current.certificatePem());
            if (issues) {
                errors.addAll(checkIssuable(current));
            }
            if (issues && failure != null) {
                errors.add(FieldError.invalidOmittingValue("status.certificate",
                        "a request cannot be issued and failed in the same update"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(CsrApi.GROUP_KIND, current.name(), errors);
            }
            if (issues) {
                return new Outcome.Written(current.withCertificate(certificatePem), EventType.ISSUED, actor, null,
                        "certificate set through the status subresource");
            }
            if (failure != null) {
                return new Outcome.Written(current.withCondition(failure), EventType.FAILED, actor,
                        failure.reason(), failure.message());
            }
            return new Outcome.Unchanged(current);
        }

        private List<FieldError> checkKeptConditions(StoredCsr current) {
            List<FieldError> errors = new ArrayList<>();
            for (CsrCondition kept : current.conditions()) {
                if (requested.stream().noneMatch(condition -> condition.type().equals(kept.type()))) {
                    errors.add(FieldError.forbidden("status.conditions", "updates may not remove a condition of "
                            + "type \"" + kept.type() + "\""));
                }
            }
            return errors;
        }

        private static List<FieldError> checkIssuable(StoredCsr current) {
            if (current.isIssued()) {
                return List.of(FieldError.invalidOmittingValue("status.certificate", "field is immutable"));
            }
            if (!isAwaitingSignature(current)) {
                return List.of(FieldError.invalidOmittingValue("status.certificate", "a certificate may only be "
                        + "set on an approved request that is neither denied nor failed"));
            }
            return List.of();
        }
    }

    /** {@code DELETE} by a user, or an expiration from gc-service. */
    record Delete(Actor actor, String reason, String message) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            return new Outcome.Removed(current, actor, reason, message);
        }
    }

    /** gc-service's verdict, applied only to the version it judged: a request changed since is judged again. */
    record Expire(ExpirationData expiration) implements CsrChange {

        @Override
        public Outcome applyTo(StoredCsr current, Instant now) {
            if (current.resourceVersion() != expiration.resourceVersion()) {
                return new Outcome.Unchanged(current);
            }
            return new Outcome.Removed(current, expiration.actor(), expiration.reason(), expiration.message());
        }
    }

    private static EventType eventFor(String decision) {
        return CsrCondition.APPROVED.equals(decision) ? EventType.APPROVED : EventType.DENIED;
    }

    private static boolean isAwaitingSignature(StoredCsr current) {
        return current.hasCondition(CsrCondition.APPROVED) && !current.hasCondition(CsrCondition.DENIED)
                && !current.hasCondition(CsrCondition.FAILED) && !current.isIssued();
    }
}
