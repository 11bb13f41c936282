package io.certpipe.intake.rbac;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Patch;
import io.certpipe.kube.Patches;
import io.certpipe.kube.ResourceVersions;
import io.smallrye.mutiny.Uni;

/**
 * Writes RBAC objects as kube-apiserver does: defaulted, validated, checked against escalation, the stored
 * {@code roleRef} of a binding never changed, a stale {@code resourceVersion} a conflict; a dry run is checked the same
 * and stores nothing.
 */
@ApplicationScoped
public class RbacService {

    private final RbacStore store;
    private final Authorizer authorizer;
    private final Patches patches;

    public RbacService(RbacStore store, Authorizer authorizer, Patches patches) {
        this.store = store;
        this.authorizer = authorizer;
        this.patches = patches;
    }

    public Uni<List<RbacObject>> list(String cluster, RbacApi.Kind kind) {
        return store.list(cluster, kind);
    }

    public Uni<RbacObject> get(String cluster, RbacApi.Kind kind, String name) {
        return store.get(cluster, kind, name);
    }

    public Uni<RbacObject> create(String cluster, UserInfo caller, RbacObject submitted, DryRun dryRun) {
        RbacObject object = defaulted(submitted.withMetadata((submitted.metadata() == null ? ObjectMeta.none()
                : submitted.metadata()).withGeneratedName()));
        RbacValidation.validate(object);
        requireHeld(cluster, caller, object);
        return store.create(cluster, object, dryRun);
    }

    public Uni<RbacObject> replace(String cluster, UserInfo caller, RbacApi.Kind kind, String name,
            RbacObject submitted, DryRun dryRun) {
        // A body without metadata names the object on the URL, as one with an empty name does.
        RbacObject replacement = defaulted(submitted.metadata() == null
                ? submitted.withMetadata(ObjectMeta.none().withName(name)) : submitted);
        requireName(replacement, name);
        return store.update(cluster, kind, name, current -> checkedUpdate(cluster, caller, current, replacement),
                dryRun);
    }

    /** Any patch {@link Patches} reads, then the same checks as a replace. */
    public Uni<RbacObject> patch(String cluster, UserInfo caller, RbacApi.Kind kind, String name, Patch patch,
            FieldValidation validation, List<String> warnings, DryRun dryRun) {
        return store.update(cluster, kind, name, current -> checkedUpdate(cluster, caller, current,
                defaulted(patches.apply(patch, current, name, kind.type(), kind.kind(), RbacSchema.of(kind),
                        validation, warnings))), dryRun);
    }

    public Uni<RbacObject> delete(String cluster, RbacApi.Kind kind, String name, DryRun dryRun) {
        return store.delete(cluster, kind, name, dryRun);
    }

    private RbacObject checkedUpdate(String cluster, UserInfo caller, RbacObject current, RbacObject updated) {
        Long expected = ResourceVersions.parse(updated.metadata().resourceVersion());
        if (expected != null && !String.valueOf(expected).equals(current.metadata().resourceVersion())) {
            throw ApiException.conflict(RbacApi.Kind.of(current).groupResource(), current.metadata().name());
        }
        RbacValidation.validateUpdate(current, updated);
        requireHeld(cluster, caller, updated);
        return updated;
    }

    private void requireHeld(String cluster, UserInfo caller, RbacObject object) {
        RbacEscalation.check(caller, object, store.policy(cluster),
                request -> authorizer.allows(cluster, caller, request));
    }

    private static RbacObject defaulted(RbacObject object) {
        return object instanceof ClusterRoleBinding binding ? binding.withDefaults() : object;
    }

    private static void requireName(RbacObject object, String urlName) {
        ObjectMeta metadata = object.metadata();
        if (metadata != null && metadata.name() != null && !metadata.name().isEmpty()
                && !metadata.name().equals(urlName)) {
            throw ApiException.badRequest("the name of the object (" + metadata.name()
                    + ") does not match the name on the URL (" + urlName + ")");
        }
    }
}
