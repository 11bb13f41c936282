package io.certpipe.kube.storage;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One object of the generic store, as its wire JSON; it never leaves {@link ObjectStore}. */
@Entity
@Table(name = "api_object")
class StoredObject {

    @Id
    UUID uid;

    @Column(nullable = false)
    String cluster;

    /** The kind's {@link StoredKind#logKey()}: {@code resource.group}. */
    @Column(nullable = false)
    String resource;

    @Column(nullable = false)
    String name;

    @Column(name = "resource_version", nullable = false)
    long resourceVersion;

    @Column(nullable = false)
    String body;
}
