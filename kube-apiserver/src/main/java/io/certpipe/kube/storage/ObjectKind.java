package io.certpipe.kube.storage;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.GroupResource;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Schema;

/**
 * A kind the generic store keeps ({@link ObjectStore}), declared once: the resource it is served as, its Java form and
 * field schema, and its strategy, as a kube-apiserver registry has one: how it is defaulted and what makes it invalid.
 * Objects are stored as their wire JSON.
 */
public abstract class ObjectKind<T extends ApiObject> implements StoredKind<T> {

    private final ApiResource resource;
    private final Class<T> type;
    private final ObjectMapper json;

    protected ObjectKind(ApiResource resource, Class<T> type, ObjectMapper json) {
        this.resource = resource;
        this.type = type;
        this.json = json;
    }

    public ApiResource resource() {
        return resource;
    }

    public Class<T> type() {
        return type;
    }

    /** Which fields exist where, for {@code fieldValidation}. */
    public abstract Schema schema();

    /** {@code object} with {@code metadata}, and the kind's apiVersion and kind set. */
    public abstract T withMetadata(T object, ObjectMeta metadata);

    /** Fills in what a client may leave out. */
    public T defaulted(T object) {
        return object;
    }

    /** What is wrong with {@code object} as a new or updated object; empty when it may be stored. */
    public abstract List<FieldError> validate(T object);

    /** What is wrong with changing {@code current} into {@code updated} beyond {@link #validate}. */
    public List<FieldError> validateUpdate(T current, T updated) {
        return List.of();
    }

    /** Refuses {@code object} as Invalid, with every error at once, unless it may be stored. */
    public void requireValid(T object, List<FieldError> updateErrors) {
        List<FieldError> errors = new ArrayList<>(validate(object));
        errors.addAll(updateErrors);
        if (!errors.isEmpty()) {
            String name = object.metadata() == null ? null : object.metadata().name();
            throw ApiException.invalid(resource.groupKind(), name == null ? "" : name, errors);
        }
    }

    @Override
    public GroupResource groupResource() {
        return resource.groupResource();
    }

    @Override
    public String encode(T object) {
        try {
            return json.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + resource.kind() + " " + object.metadata().name(), e);
        }
    }

    @Override
    public T decode(String stored) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + resource.kind() + " is unreadable", e);
        }
    }

    @Override
    public long resourceVersionOf(T object) {
        return Long.parseLong(object.metadata().resourceVersion());
    }

    @Override
    public T withResourceVersion(T object, long resourceVersion) {
        ObjectMeta metadata = object.metadata();
        return withMetadata(object, new ObjectMeta(metadata.name(), null, metadata.uid(),
                String.valueOf(resourceVersion), metadata.creationTimestamp(), metadata.labels(),
                metadata.annotations()));
    }
}
