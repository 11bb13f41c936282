package io.certpipe.common.event;

import java.util.Arrays;
import java.util.Optional;

/** Every CloudEvents {@code type} certpipe emits, the topic it travels on, and the class of its data. */
public enum EventType {
    CREATED("io.certpipe.csr.created.v1", Topics.LIFECYCLE, LifecycleData.class),
    APPROVED("io.certpipe.csr.approved.v1", Topics.LIFECYCLE, LifecycleData.class),
    DENIED("io.certpipe.csr.denied.v1", Topics.LIFECYCLE, LifecycleData.class),
    ISSUED("io.certpipe.csr.issued.v1", Topics.LIFECYCLE, LifecycleData.class),
    FAILED("io.certpipe.csr.failed.v1", Topics.LIFECYCLE, LifecycleData.class),
    DELETED("io.certpipe.csr.deleted.v1", Topics.LIFECYCLE, LifecycleData.class),
    DECIDED("io.certpipe.csr.decided.v1", Topics.APPROVAL_DECISIONS, DecisionData.class),
    SIGNED("io.certpipe.csr.signed.v1", Topics.SIGNING_RESULTS, SignedData.class),
    SIGNING_FAILED("io.certpipe.csr.signing-failed.v1", Topics.SIGNING_RESULTS, SigningFailedData.class),
    EXPIRED("io.certpipe.csr.expired.v1", Topics.GC_EXPIRATIONS, ExpirationData.class);

    private final String type;
    private final String topic;
    private final Class<? extends EventData> dataClass;

    EventType(String type, String topic, Class<? extends EventData> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
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

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(value -> value.type.equals(type)).findFirst();
    }
}
