package io.certpipe.common.event.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;

class LifecycleChainTest {

    @Test
    void theFirstEventOfAClusterFollowsTheGenesis() {
        CloudEvent first = LifecycleChain.Head.EMPTY.extend(TestLifecycleStream.event("dev", "u1", EventType.CREATED));

        assertEquals(1L, first.certpipeseq());
        assertEquals("0".repeat(64), first.certpipeprevhash());
    }

    @Test
    void eachNextEventNamesTheSha256OfThePreviousValueAsSent() {
        CloudEvent first = LifecycleChain.Head.EMPTY.extend(TestLifecycleStream.event("dev", "u1", EventType.CREATED));
        String value = EventCodec.encode(first);

        LifecycleChain.Head head = LifecycleChain.Head.EMPTY.after(first, value);
        CloudEvent second = head.extend(TestLifecycleStream.event("dev", "u1", EventType.APPROVED));

        assertEquals(2L, second.certpipeseq());
        assertEquals(LifecycleChain.hashOf(value), second.certpipeprevhash());
        // FIPS 180-2's test vector: the hash is of the UTF-8 bytes, in lowercase hex.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", LifecycleChain.hashOf("abc"));
    }

    @Test
    void theLinkTravelsAsTwoEnvelopeAttributes() {
        CloudEvent first = LifecycleChain.Head.EMPTY.extend(TestLifecycleStream.event("dev", "u1", EventType.CREATED));

        String json = EventCodec.encode(first);

        assertTrue(json.contains("\"certpipeseq\":1,\"certpipeprevhash\":\"" + LifecycleChain.GENESIS + "\""), json);
        assertEquals(first, EventCodec.decode(json));
    }

    @Test
    void refusesAHeadAdvancedByAnEventItDidNotExtend() {
        CloudEvent unchained = TestLifecycleStream.event("dev", "u1", EventType.CREATED);
        CloudEvent third = new LifecycleChain.Head(2, LifecycleChain.GENESIS).extend(unchained);

        assertThrows(IllegalArgumentException.class, () -> LifecycleChain.Head.EMPTY.after(unchained, "{}"));
        assertThrows(IllegalArgumentException.class, () -> LifecycleChain.Head.EMPTY.after(third, "{}"));
    }

    @Test
    void refusesALinkOffTheLifecycleTopicOrOfTheWrongForm() {
        CloudEvent decision = CloudEvent.of(EventType.DECIDED, "/certpipe/approval-service", "dev", "n", "u1",
                new DecisionData(Actor.policy("p"), DecisionData.Verdict.APPROVE, "AutoApproved", "ok"));
        CloudEvent created = TestLifecycleStream.event("dev", "u1", EventType.CREATED);

        assertThrows(IllegalArgumentException.class, () -> decision.chainedAs(1, LifecycleChain.GENESIS));
        assertThrows(IllegalArgumentException.class, () -> created.chainedAs(0, LifecycleChain.GENESIS));
        assertThrows(IllegalArgumentException.class, () -> created.chainedAs(1, "ABC"));
        assertThrows(IllegalArgumentException.class, () -> created.chainedAs(1, LifecycleChain.GENESIS.toUpperCase()
                .replace('0', 'F')));
    }
}
