package io.certpipe.intake.csr;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One row of the change log; it never leaves {@link CsrChangeLog}, which maps it to and from a change. */
@Entity
@Table(name = "csr_change_log")
@IdClass(LoggedChange.Key.class)
class LoggedChange {

    @Id
    String cluster;

    @Id
    long revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    CsrWatches.Type type;

    @Convert(converter = JsonColumn.Csr.class)
    @Column(nullable = false)
    StoredCsr object;

    @Convert(converter = JsonColumn.Csr.class)
    StoredCsr previous;

    /** A change is identified by its cluster and the revision it made. */
    record Key(String cluster, long revision) implements Serializable {
    }

    static LoggedChange of(CsrWatches.Change change) {
        LoggedChange row = new LoggedChange();
        row.cluster = change.csr().cluster();
        row.revision = change.revision();
        row.type = change.type();
        row.object = change.csr();
        row.previous = change.previous();
        return row;
    }

    CsrWatches.Change toChange() {
        return new CsrWatches.Change(type, object, previous);
    }
}
