package io.certpipe.intake.inbox;

import java.util.Set;
import java.util.UUID;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.ExpirationData;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.SigningFailedData;
import io.certpipe.intake.csr.CsrChange;
import io.certpipe.intake.csr.CsrLookup;

/**
 * What an event from a controller asks of a stored request: the request it is about (by cluster and uid) and the
 * change. An event that cannot mean anything here (wrong topic, missing data) is malformed and gets dead-lettered.
 */
public record InboundChanges(CsrLookup.ByUid lookup, CsrChange change) {

    public static InboundChanges of(CloudEvent event, Set<EventType> expected) {
        EventType type = event.eventType();
        if (!expected.contains(type)) {
            throw new MalformedEventException("event type " + event.type() + " does not belong on this topic");
        }
        CsrLookup.ByUid lookup = new CsrLookup.ByUid(event.cluster(), uidOf(event));
        CsrChange change = switch (event.data()) {
            case DecisionData decision when decision.verdict() != null -> new CsrChange.Decide(decision);
            case SignedData signed when signed.certificate() != null && !signed.certificate().isBlank() ->
                    new CsrChange.Issue(signed);
            case SigningFailedData failure when failure.reason() != null -> new CsrChange.Fail(failure);
            case ExpirationData expiration -> new CsrChange.Expire(expiration);
            default -> throw new MalformedEventException(event.type() + " event " + event.id()
                    + " lacks the data it needs");
        };
        return new InboundChanges(lookup, change);
    }

    /** intake gives every request a UUID; an event naming anything else did not come from this contract. */
    private static UUID uidOf(CloudEvent event) {
        try {
            return UUID.fromString(event.csruid());
        } catch (IllegalArgumentException notAUuid) {
            throw new MalformedEventException("csruid " + event.csruid() + " is not a request uid");
        }
    }
}
