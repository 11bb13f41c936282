package io.certpipe.common.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every CloudEvents {@code type} certpipe emits, the topic it travels on, the class of its data, and what it is about:
 * one request, or one signer.
 */
public enum EventType {
    CREATED("io.certpipe.csr.created.v1", Topics.LIFECYCLE, LifecycleData.class, Scope.REQUEST),
    APPROVED("io.certpipe.csr.approved.v1", Topics.LIFECYCLE, LifecycleData.class, Scope.REQUEST),
    DENIED("io.certpipe.csr.denied.v1", Topics.LIFECYCLE, LifecycleData.class, Scope.REQUEST),
    ISSUED("io.certpipe.csr.issued.v1", Topics.LIFECYCLE, LifecycleData.class, Scope.REQUEST),
    FAILED("io.certpipe.csr.failed.v1", Topics.LIFECYCLE, LifecycleData.class, Scope.REQUEST),
    DELETED("io.certpipe.csr.deleted.v1", Topics.LIFECYCLE, LifecycleData.class, Scope.REQUEST),
    DECIDED("io.certpipe.csr.decided.v1", Topics.APPROVAL_DECISIONS, DecisionData.class, Scope.REQUEST),
    TO_BE_SIGNED("io.certpipe.csr.to-be-signed.v1", Topics.SIGNING_RESULTS, ToBeSignedData.class, Scope.REQUEST),
    SIGNED("io.certpipe.csr.signed.v1", Topics.SIGNING_RESULTS, SignedData.class, Scope.REQUEST),
    SIGNING_FAILED("io.certpipe.csr.signing-failed.v1", Topics.SIGNING_RESULTS, SigningFailedData.class,
            Scope.REQUEST),
    EXPIRED("io.certpipe.csr.expired.v1", Topics.GC_EXPIRATIONS, ExpirationData.class, Scope.REQUEST),
    SIGNER_PUBLISHED("io.certpipe.signer.published.v1", Topics.SIGNERS, SignerData.class, Scope.SIGNER),
    SIGNER_WITHDRAWN("io.certpipe.signer.withdrawn.v1", Topics.SIGNERS, SignerWithdrawnData.class, Scope.SIGNER);

    /**
     * What an event is about, which decides its envelope and Kafka key. A {@code REQUEST} event names the request in
     * {@code subject} and {@code csruid} and is keyed {@code <cluster>/<csruid>}; a {@code SIGNER} event names the
     * signer in {@code subject}, has no {@code csruid}, and is keyed {@code <cluster>/<signerName>}.
     */
    public enum Scope {
        REQUEST, SIGNER
    }

    private final String type;
    private final String topic;
    private final Class<? extends EventData> dataClass;
    private final Scope scope;

    EventType(String type, String topic, Class<? extends EventData> dataClass, Scope scope) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
        this.scope = scope;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    public Scope scope() {
        return scope;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(value -> value.type.equals(type)).findFirst();
    }
}
