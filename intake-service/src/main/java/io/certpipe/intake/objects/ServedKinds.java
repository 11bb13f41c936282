package io.certpipe.intake.objects;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.storage.ApiObject;

/** Every kind served from the generic store, found by the URL that names it. */
@ApplicationScoped
public class ServedKinds {

    private final List<ServedKind<?>> kinds;

    public ServedKinds(@Any Instance<ServedKind<?>> kinds) {
        this.kinds = kinds.stream().<ServedKind<?>>map(kind -> kind).toList();
    }

    public List<ServedKind<?>> all() {
        return kinds;
    }

    /** The kind served at {@code /apis/<group>/<version>/<resource>}; NotFound as a path when there is none. */
    @SuppressWarnings("unchecked") // the generic resource handles objects of the kind it found, whatever it is
    public <T extends ApiObject> ServedKind<T> at(String group, String version, String resource) {
        for (ServedKind<?> kind : kinds) {
            if (kind.resource().group().equals(group) && kind.resource().version().equals(version)
                    && kind.resource().plural().equals(resource)) {
                return (ServedKind<T>) kind;
            }
        }
        throw ApiException.pathNotFound("the server could not find the requested resource");
    }
}
