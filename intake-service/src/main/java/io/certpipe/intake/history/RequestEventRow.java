package io.certpipe.intake.history;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One stored Event; it never leaves {@link RequestHistory}, which maps it to the wire form. */
@Entity
@Table(name = "request_event")
class RequestEventRow {

    @Id
    UUID uid;

    @Column(nullable = false)
    String cluster;

    /** The cluster revision of the change the event reports: orders a request's events exactly. */
    @Column(name = "resource_version", nullable = false)
    long resourceVersion;

    @Column(name = "involved_name", nullable = false)
    String involvedName;

    @Column(name = "involved_uid", nullable = false)
    UUID involvedUid;

    @Column(name = "event_type", nullable = false)
    String eventType;

    @Column(nullable = false)
    String reason;

    @Column(nullable = false)
    String message;

    @Column(name = "reporting_component", nullable = false)
    String reportingComponent;

    @Column(name = "event_time", nullable = false)
    Instant eventTime;
}
