package io.certpipe.kube.storage;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * One committed change of one object: the object after it (for a deletion, its last state) carrying the new
 * resourceVersion, and the object before it (null when the change created it).
 */
public record Change<T>(StoredKind<T> kind, WatchType type, T object, T previous) {

    public long revision() {
        return kind.resourceVersionOf(object);
    }

    /**
     * This change as a watcher whose selector is {@code selected} sees it, as Kubernetes' cache watcher decides: an
     * object that starts matching is ADDED, one that stops matching is DELETED (as it was, with the new
     * resourceVersion), and a change on either side of the selector that never matched is not seen at all.
     */
    public Optional<Change<T>> seenThrough(Predicate<T> selected) {
        boolean matchesNow = type != WatchType.DELETED && selected.test(object);
        boolean matchedBefore = previous != null && selected.test(previous);
        if (matchesNow && matchedBefore) {
            return Optional.of(this);
        }
        if (matchesNow) {
            return Optional.of(new Change<>(kind, WatchType.ADDED, object, previous));
        }
        if (matchedBefore) {
            return Optional.of(new Change<>(kind, WatchType.DELETED,
                    kind.withResourceVersion(previous, revision()), previous));
        }
        return Optional.empty();
    }
}
