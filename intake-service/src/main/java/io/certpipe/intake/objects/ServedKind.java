package io.certpipe.intake.objects;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.FieldSelector;
import io.certpipe.kube.LabelSelector;
import io.certpipe.kube.PatchType;
import io.certpipe.kube.Table;
import io.certpipe.kube.storage.ApiObject;
import io.certpipe.kube.storage.ObjectKind;

/**
 * A kind intake serves from the generic store through {@link ObjectsResource}: beside its declaration and strategy
 * ({@link ObjectKind}), how {@code kubectl get} shows it, which patches it takes, and what a caller must hold to
 * write it. A new kind is a new subclass, not a new resource class.
 */
public abstract class ServedKind<T extends ApiObject> extends ObjectKind<T> {

    /** The patches of objects kept whole: kubectl's JSON, merge and strategic merge patches. */
    protected static final List<PatchType> WHOLE_OBJECT_PATCHES = List.of(PatchType.JSON, PatchType.MERGE,
            PatchType.STRATEGIC_MERGE);

    protected ServedKind(ApiResource resource, Class<T> type, ObjectMapper json) {
        super(resource, type, json);
    }

    /** The rows of {@code kubectl get}, one per object. */
    public abstract Table table(List<T> objects, long resourceVersion, Instant now, Table.IncludeObject include);

    public List<PatchType> patchTypes() {
        return WHOLE_OBJECT_PATCHES;
    }

    /**
     * Refuses a write {@code caller} may not make beyond what the authorisation filter checked (RBAC's escalation
     * check); the object is the one about to be stored.
     */
    public void admit(String cluster, UserInfo caller, T object) {
    }

    /** An object sent as Kubernetes protobuf, for the kinds kubectl sends that way. */
    public T decodeProtobuf(byte[] body) {
        throw ApiException.unsupportedMediaType("application/vnd.kubernetes.protobuf",
                List.of("application/json", "application/yaml"));
    }

    /** {@code fieldSelector} on {@code metadata.name} and {@code labelSelector} on the labels, as for any kind. */
    public Predicate<T> selector(String fieldSelector, String labelSelector) {
        Map<String, Function<T, List<String>>> fields = Map.of("metadata.name",
                object -> List.of(object.metadata().name()));
        return FieldSelector.parse(fieldSelector, fields).and(LabelSelector.parse(labelSelector,
                object -> object.metadata().labels() == null ? Map.of() : object.metadata().labels()));
    }
}
