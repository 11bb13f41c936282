package io.certpipe.common.event.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventKeyFiles;
import io.certpipe.common.event.signature.TestEventKeys;

class AuditVerifierTest {

    private final TestEventKeys keys = TestEventKeys.create();
    private final AuditVerifier verifier = new AuditVerifier(keys.verifier());
    private final TestLifecycleStream stream = new TestLifecycleStream(keys);

    /** Two requests of {@code cluster} through their lives: created, approved, issued; the second one denied. */
    private void publishTwoRequests(String cluster) {
        stream.publish(cluster, cluster + "-a", EventType.CREATED);
        stream.publish(cluster, cluster + "-b", EventType.CREATED);
        stream.publish(cluster, cluster + "-a", EventType.APPROVED);
        stream.publish(cluster, cluster + "-b", EventType.DENIED);
        stream.publish(cluster, cluster + "-a", EventType.ISSUED);
    }

    @Test
    void aWholeChainReadAcrossPartitionsInAnyOrderIsIntact() {
        publishTwoRequests("dev");
        List<ConsumerRecord<String, String>> shuffled = new ArrayList<>(stream.records());
        Collections.shuffle(shuffled, new Random(7));

        AuditReport report = verifier.verify(shuffled);

        assertTrue(report.intact(), report.breaks().toString());
        assertEquals(new AuditReport.Counts(5, 2, 1, 0, 0, 0, 0), report.clusters().get("dev"));
        assertEquals(Map.of("dev", 5L), report.newestSequences());
    }

    @Test
    void aRemovedEventIsAGapNamedAtTheEventAfterIt() {
        publishTwoRequests("dev");
        List<ConsumerRecord<String, String>> records = new ArrayList<>(stream.records());
        records.remove(2);

        AuditReport report = verifier.verify(records);

        assertFalse(report.intact());
        assertEquals(1, report.total().gaps());
        AuditFinding first = report.breaks().getFirst();
        assertEquals(idOf(stream.records().get(3)), first.eventId());
        assertTrue(first.what().contains("missing before event 4: event 3"), first.what());
    }

    @Test
    void anAlteredValueFailsItsSignatureAndLeavesAHoleInTheChain() {
        publishTwoRequests("dev");
        List<ConsumerRecord<String, String>> records = new ArrayList<>(stream.records());
        ConsumerRecord<String, String> original = records.get(1);
        records.set(1, TestLifecycleStream.withValue(original, original.value().replace("a test event", "altered")));

        AuditReport report = verifier.verify(records);

        assertEquals(1, report.total().badSignatures());
        assertEquals(1, report.total().gaps());
        AuditFinding first = report.breaks().getFirst();
        assertEquals(original.partition(), first.partition());
        assertEquals(original.offset(), first.offset());
        assertEquals(idOf(original), first.eventId());
        assertTrue(first.what().startsWith("bad-signature"), first.what());
    }

    @Test
    void eventsReorderedBySomeoneWhoHoldsTheKeyBreakTheChain() {
        String cluster = "dev";
        CloudEvent first = TestLifecycleStream.event(cluster, "u1", EventType.CREATED).chainedAs(1,
                LifecycleChain.GENESIS);
        CloudEvent second = TestLifecycleStream.event(cluster, "u2", EventType.CREATED).chainedAs(2,
                LifecycleChain.hashOf(EventCodec.encode(first)));
        // The second event is signed as link 1 and the first as link 2, each keeping the hash it had.
        CloudEvent secondMadeFirst = second.chainedAs(1, second.certpipeprevhash());
        CloudEvent firstMadeSecond = first.chainedAs(2, first.certpipeprevhash());
        List<ConsumerRecord<String, String>> records = List.of(
                keys.published(secondMadeFirst), keys.published(firstMadeSecond));

        AuditReport report = verifier.verify(records);

        assertEquals(0, report.total().badSignatures());
        assertEquals(2, report.breaks().size(), report.breaks().toString());
        assertTrue(report.breaks().getFirst().what().contains("is not the hash of the genesis"),
                report.breaks().getFirst().what());
    }

    @Test
    void aRequestsEventsOutOfOrderOnTheirPartitionAreABreak() {
        ConsumerRecord<String, String> created = stream.publish("dev", "u1", EventType.CREATED);
        ConsumerRecord<String, String> approved = stream.publish("dev", "u1", EventType.APPROVED);
        List<ConsumerRecord<String, String>> swapped = List.of(
                TestLifecycleStream.atOffset(created, approved.offset()),
                TestLifecycleStream.atOffset(approved, created.offset()));

        AuditReport report = verifier.verify(swapped);

        assertFalse(report.intact());
        assertTrue(report.breaks().getFirst().what().contains("comes after event 2 of the same request"),
                report.breaks().getFirst().what());
    }

    @Test
    void injectedRecordsNotSignedByIntakeAreBadSignaturesAndLeaveTheChainWhole() {
        publishTwoRequests("dev");
        String forged = EventCodec.encode(TestLifecycleStream.event("dev", "dev-a", EventType.APPROVED)
                .chainedAs(6, LifecycleChain.hashOf(stream.records().getLast().value())));
        stream.append("dev/dev-a", TestEventKeys.unsigned(Topics.LIFECYCLE, forged));
        stream.append("dev/dev-a", TestEventKeys.signedWith(EventKeyFiles.newKeyPair(), Topics.LIFECYCLE, forged));
        stream.append("dev/dev-a", keys.signedBy(Topics.APPROVAL_SERVICE, Topics.LIFECYCLE, forged));

        AuditReport report = verifier.verify(stream.records());

        assertEquals(3, report.total().badSignatures());
        assertEquals(0, report.total().gaps());
        assertEquals(List.of("unsigned", "unknown-key", "wrong-publisher"), report.breaks().stream()
                .map(finding -> finding.what().substring(0, finding.what().indexOf(':'))).toList());
    }

    @Test
    void anUnchainedEventIsAnOldOneOnlyBeforeTheChainBeganOnItsPartition() {
        CloudEvent before = TestLifecycleStream.event("dev", "u1", EventType.CREATED);
        stream.publishUnchained(before);
        stream.publish("dev", "u1", EventType.APPROVED);
        ConsumerRecord<String, String> after = stream.publishUnchained(
                TestLifecycleStream.event("dev", "u1", EventType.ISSUED));

        AuditReport report = verifier.verify(stream.records());

        assertEquals(2, report.total().unchained());
        assertEquals(1, report.breaks().size(), report.breaks().toString());
        assertEquals(after.offset(), report.breaks().getFirst().offset());
    }

    @Test
    void aCopyOfAnEventIsADuplicateNotABreak() {
        publishTwoRequests("dev");
        ConsumerRecord<String, String> approved = stream.records().get(2);
        stream.append(approved.key(), approved);

        AuditReport report = verifier.verify(stream.records());

        assertTrue(report.intact(), report.breaks().toString());
        assertEquals(1, report.total().duplicates());
        assertEquals(1, report.warnings().size());
    }

    @Test
    void twoInterleavedClustersAreCheckedEachOnItsOwn() {
        stream.publish("dev", "d1", EventType.CREATED);
        stream.publish("prod", "p1", EventType.CREATED);
        stream.publish("dev", "d1", EventType.APPROVED);
        stream.publish("prod", "p1", EventType.APPROVED);
        stream.publish("dev", "d1", EventType.ISSUED);
        List<ConsumerRecord<String, String>> withoutADevEvent = new ArrayList<>(stream.records());
        withoutADevEvent.remove(2);

        AuditReport all = verifier.verify(withoutADevEvent);
        AuditReport prod = verifier.verify(withoutADevEvent, Optional.of("prod"), Map.of());

        assertEquals(1, all.clusters().get("dev").gaps());
        assertEquals(0, all.clusters().get("prod").gaps());
        assertTrue(prod.intact(), prod.breaks().toString());
        assertEquals(2, prod.total().events());
        assertEquals(2, prod.skipped());
    }

    @Test
    void checksEachClusterOnlyUpToTheSequenceItIsGiven() {
        publishTwoRequests("dev");
        List<ConsumerRecord<String, String>> records = new ArrayList<>(stream.records());
        records.remove(3);

        assertFalse(verifier.verify(records).intact());
        assertTrue(verifier.verify(records, Optional.empty(), Map.of("dev", 3L)).intact());
    }

    private static String idOf(ConsumerRecord<String, String> record) {
        return EventCodec.decode(record.value()).id();
    }
}
