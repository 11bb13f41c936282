package io.certpipe.intake.rbac;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.DryRun;
import io.certpipe.intake.kube.JsonMergePatch;
import io.certpipe.intake.kube.ObjectMeta;
import io.certpipe.intake.kube.ResourceVersions;
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
    private final ObjectMapper json;

    public RbacService(RbacStore store, Authorizer authorizer, ObjectMapper json) {
        this.store = store;
        this.authorizer = authorizer;
        this.json = json;
    }

    public Uni<List<RbacObject>> list(String cluster, RbacApi.Kind kind) {
        return store.list(cluster, kind);
    }

    public Uni<RbacObject> get(String cluster, RbacApi.Kind kind, String name) {
        return store.get(cluster, kind, name);
    }

    public Uni<RbacObject> create(String cluster, UserInfo caller, RbacObject submitted, DryRun dryRun) {
        RbacObject object = defaulted(submitted);
        RbacValidation.validate(object);
        requireHeld(cluster, caller, object);
        return store.create(cluster, object, dryRun);
    }

    public Uni<RbacObject> replace(String cluster, UserInfo caller, RbacApi.Kind kind, String name,
            RbacObject submitted, DryRun dryRun) {
        RbacObject replacement = defaulted(submitted);
        requireName(replacement, name);
        return store.update(cluster, kind, name, current -> checkedUpdate(cluster, caller, current, replacement),
                dryRun);
    }

    /** A JSON merge patch (kubectl's strategic merge patch reads the same for these kinds' fields). */
    public Uni<RbacObject> patch(String cluster, UserInfo caller, RbacApi.Kind kind, String name, JsonNode patch,
            DryRun dryRun) {
        return store.update(cluster, kind, name, current -> {
            ObjectNode before = json.valueToTree(current);
            JsonNode after = JsonMergePatch.apply(before, patch);
            try {
                RbacObject patched = defaulted(json.treeToValue(after, kind.type()));
                requireName(patched, name);
                return checkedUpdate(cluster, caller, current, patched);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw ApiException.badRequest("the patched object is not a " + kind.kind());
            }
        }, dryRun);
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
