package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;

/** What signing-service takes for an approved request before it reserves a serial or touches a CA key. */
class IssuanceTest {

    private static final CsrCondition APPROVED = new CsrCondition(CsrCondition.APPROVED, "True", "AutoApproved",
            "approved", Instant.now(), Instant.now());

    @Test
    void takesTheRequestAnApprovedEventDescribes() {
        assertEquals("my-csr", Issuance.approvedRequest(approved("my-csr", snapshot("my-csr"))).name());
    }

    @Test
    void refusesAnApprovedEventWithoutARequestName() {
        assertThrows(MalformedEventException.class, () -> Issuance.approvedRequest(approved(null,
                snapshot("my-csr"))));
    }

    @Test
    void refusesAnApprovedEventWhoseEnvelopeNamesAnotherRequest() {
        assertThrows(MalformedEventException.class, () -> Issuance.approvedRequest(approved("other-csr",
                snapshot("my-csr"))));
    }

    private static CsrSnapshot snapshot(String name) {
        return new CsrSnapshot("default", name, "uid-1", 7, Instant.now(), "kubernetes.io/kube-apiserver-client",
                "-----BEGIN CERTIFICATE REQUEST-----", List.of("client auth"), null, "alice", null, List.of(), null,
                List.of(APPROVED), null);
    }

    private static CloudEvent approved(String subject, CsrSnapshot csr) {
        return CloudEvent.of(EventType.APPROVED, "/certpipe/intake-service", "default", subject, "uid-1",
                new LifecycleData(Actor.user("alice", List.of()), csr, null, null));
    }
}
