package io.certpipe.kube.storage;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One row of the change log, its objects as their kind encodes them; it never leaves {@link ChangeLog}, which maps it
 * to and from a change.
 */
@Entity
@Table(name = "change_log")
@IdClass(LoggedChange.Key.class)
class LoggedChange {

    @Id
    String cluster;

    @Id
    long revision;

    @Column(nullable = false)
    String resource;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    WatchType type;

    @Column(nullable = false)
    String object;

    String previous;

    /** A change is identified by its cluster and the revision it made. */
    record Key(String cluster, long revision) implements Serializable {
    }

    static <T> LoggedChange of(String cluster, Change<T> change) {
        LoggedChange row = new LoggedChange();
        row.cluster = cluster;
        row.revision = change.revision();
        row.resource = change.kind().logKey();
        row.type = change.type();
        row.object = change.kind().encode(change.object());
        row.previous = change.previous() == null ? null : change.kind().encode(change.previous());
        return row;
    }

    <T> Change<T> toChange(StoredKind<T> kind) {
        return new Change<>(kind, type, kind.decode(object), previous == null ? null : kind.decode(previous));
    }
}
