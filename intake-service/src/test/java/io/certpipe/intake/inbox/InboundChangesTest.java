package io.certpipe.intake.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.SignedData;
import io.certpipe.intake.csr.CsrChange;
import org.junit.jupiter.api.Test;

class InboundChangesTest {

    private static final String UID = UUID.randomUUID().toString();

    @Test
    void decisionFindsItsRequestByUid() {
        CloudEvent event = CloudEvent.of(EventType.DECIDED, "/certpipe/approval-service", "default", "alice", UID,
                new DecisionData(Actor.policy("p"), DecisionData.Verdict.APPROVE, "AutoApproved", "ok"));

        InboundChanges inbound = InboundChanges.of(event, Set.of(EventType.DECIDED));

        assertEquals(UUID.fromString(UID), inbound.lookup().uid());
        assertEquals("default", inbound.lookup().cluster());
        assertInstanceOf(CsrChange.Decide.class, inbound.change());
    }

    @Test
    void expirationDeletesAsTheGcService() {
        CloudEvent event = CloudEvent.of(EventType.EXPIRED, "/certpipe/gc-service", "default", "alice", UID,
                new ExpirationData(Actor.service("gc-service"), "IssuedExpired", "issued 1h ago", 4));

        CsrChange.Expire expire = assertInstanceOf(CsrChange.Expire.class,
                InboundChanges.of(event, Set.of(EventType.EXPIRED)).change());

        assertEquals(Actor.Kind.service, expire.expiration().actor().kind());
        assertEquals("IssuedExpired", expire.expiration().reason());
        assertEquals(4, expire.expiration().resourceVersion());
    }

    @Test
    void eventOnTheWrongTopicIsMalformed() {
        CloudEvent event = CloudEvent.of(EventType.EXPIRED, "/certpipe/gc-service", "default", "alice", UID,
                new ExpirationData(Actor.service("gc-service"), "r", "m", 4));

        assertThrows(MalformedEventException.class, () -> InboundChanges.of(event, Set.of(EventType.DECIDED)));
    }

    @Test
    void signedEventWithoutCertificateIsMalformed() {
        CloudEvent event = CloudEvent.of(EventType.SIGNED, "/certpipe/signing-service", "default", "alice", UID,
                new SignedData(Actor.service("signing-service"), "s", null, "01", "ff", Instant.now(),
                        Instant.now()));

        assertThrows(MalformedEventException.class, () -> InboundChanges.of(event, Set.of(EventType.SIGNED)));
    }

    @Test
    void uidThatIsNotAUuidIsMalformed() {
        CloudEvent event = CloudEvent.of(EventType.DECIDED, "/certpipe/approval-service", "default", "alice",
                "not-a-uid", new DecisionData(Actor.policy("p"), DecisionData.Verdict.DENY, "r", "m"));

        assertThrows(MalformedEventException.class, () -> InboundChanges.of(event, Set.of(EventType.DECIDED)));
    }
}
