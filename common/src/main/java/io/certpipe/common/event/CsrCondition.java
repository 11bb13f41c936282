package io.certpipe.common.event;

import java.time.Instant;

/** A CertificateSigningRequest condition, as Kubernetes stores it. */
public record CsrCondition(String type, String status, String reason, String message, Instant lastUpdateTime,
        Instant lastTransitionTime) {

    public static final String APPROVED = "Approved";
    public static final String DENIED = "Denied";
    public static final String FAILED = "Failed";
}
