package io.certpipe.intake.rbac;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One stored RBAC object, as its JSON; it never leaves {@link RbacStore}. */
@Entity
@Table(name = "rbac_object")
class RbacObjectRow {

    @Id
    UUID uid;

    @Column(nullable = false)
    String cluster;

    @Column(nullable = false)
    String kind;

    @Column(nullable = false)
    String name;

    @Column(name = "resource_version", nullable = false)
    long resourceVersion;

    @Column(nullable = false)
    String body;
}
