package io.certpipe.common.event.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.RejectedEventException.Reason;

/** A record verifies only as its topic's publisher sent it; each other case is refused for its own reason. */
class EventVerifierTest {

    private static final String VALUE = "{\"specversion\":\"1.0\",\"id\":\"e-1\"}";

    private final TestEventKeys keys = TestEventKeys.create();
    private final EventVerifier verifier = keys.verifier(Duration.ZERO);

    @Test
    void acceptsARecordSignedByItsTopicsPublisher() {
        TrustedKeys.TrustedKey key = verifier.verify(keys.published(Topics.LIFECYCLE, VALUE));

        assertEquals(Topics.INTAKE_SERVICE, key.service());
        assertEquals(keys.signer(Topics.INTAKE_SERVICE).currentKeyId(), key.keyId());
    }

    @Test
    void refusesAnUnsignedRecord() {
        assertRefused(Reason.UNSIGNED, TestEventKeys.unsigned(Topics.LIFECYCLE, VALUE));
    }

    @Test
    void refusesARecordSignedWithAKeyNobodyTrusts() {
        assertRefused(Reason.UNKNOWN_KEY, TestEventKeys.signedWith(EventKeyFiles.newKeyPair(), Topics.LIFECYCLE,
                VALUE));
    }

    @Test
    void refusesAKeyIdHeaderThatIsNoKeyId() {
        EventSignature genuine = keys.signer(Topics.INTAKE_SERVICE).sign(VALUE.getBytes(StandardCharsets.UTF_8));
        assertRefused(Reason.UNKNOWN_KEY, TestEventKeys.record(Topics.LIFECYCLE, VALUE,
                Optional.of(new EventSignature("../../etc/passwd", genuine.signature()))));
    }

    @Test
    void refusesAValueChangedAfterItWasSigned() {
        EventSignature original = keys.signer(Topics.INTAKE_SERVICE).sign(VALUE.getBytes(StandardCharsets.UTF_8));
        assertRefused(Reason.BAD_SIGNATURE, TestEventKeys.record(Topics.LIFECYCLE, VALUE.replace("e-1", "e-2"),
                Optional.of(original)));
    }

    @Test
    void refusesASignatureThatIsNotBase64Der() {
        String keyId = keys.signer(Topics.INTAKE_SERVICE).currentKeyId();
        assertRefused(Reason.BAD_SIGNATURE, TestEventKeys.record(Topics.LIFECYCLE, VALUE,
                Optional.of(new EventSignature(keyId, "not*base64"))));
        assertRefused(Reason.BAD_SIGNATURE, TestEventKeys.record(Topics.LIFECYCLE, VALUE,
                Optional.of(new EventSignature(keyId, "AAAA"))));
    }

    @Test
    void refusesAGoodSignatureOfAnotherServiceThanTheTopicsPublisher() {
        assertRefused(Reason.WRONG_PUBLISHER, keys.signedBy(Topics.APPROVAL_SERVICE, Topics.LIFECYCLE, VALUE));
        assertRefused(Reason.WRONG_PUBLISHER, keys.signedBy(Topics.INTAKE_SERVICE, Topics.SIGNING_RESULTS, VALUE));
    }

    @Test
    void acceptsEveryRecordOfARoundSignedOnce() {
        List<ConsumerRecord<String, String>> round = keys.publishedInOneRound(Topics.LIFECYCLE,
                List.of(VALUE, VALUE.replace("e-1", "e-2"), VALUE.replace("e-1", "e-3")));

        round.forEach(record -> assertEquals(Topics.INTAKE_SERVICE, verifier.verify(record).service()));
    }

    @Test
    void refusesAValueChangedInARoundWhoseSignatureWasCheckedBefore() {
        List<ConsumerRecord<String, String>> round = keys.publishedInOneRound(Topics.LIFECYCLE,
                List.of(VALUE, VALUE.replace("e-1", "e-2")));
        verifier.verify(round.get(0));

        ConsumerRecord<String, String> changed = TestEventKeys.record(Topics.LIFECYCLE, VALUE.replace("e-1", "e-9"),
                Optional.empty());
        round.get(1).headers().forEach(header -> changed.headers().add(header));

        assertRefused(Reason.BAD_SIGNATURE, changed);
    }

    @Test
    void refusesAMalformedInclusionProof() {
        ConsumerRecord<String, String> record = keys.publishedInOneRound(Topics.LIFECYCLE, List.of(VALUE)).get(0);
        record.headers().remove(EventSignature.PROOF_HEADER);
        record.headers().add(EventSignature.PROOF_HEADER, "not*base64".getBytes(StandardCharsets.US_ASCII));

        assertRefused(Reason.BAD_SIGNATURE, record);
    }

    @Test
    void refusesARoundSignedByAnotherServiceEvenAfterItsStatementVerifiedOnItsOwnTopic() {
        List<ConsumerRecord<String, String>> round = keys.publishedInOneRound(Topics.SIGNING_RESULTS,
                List.of(VALUE));
        verifier.verify(round.get(0));

        ConsumerRecord<String, String> moved = TestEventKeys.record(Topics.LIFECYCLE, VALUE, Optional.empty());
        round.get(0).headers().forEach(header -> moved.headers().add(header));

        assertRefused(Reason.WRONG_PUBLISHER, moved);
    }

    @Test
    void trustsTheOldAndTheNewKeyOfARotationUntilTheOldIsRetired() throws Exception {
        // Signed in a round: the verifier remembers its statement, and retiring the key must still count.
        ConsumerRecord<String, String> signedBefore = keys.publishedInOneRound(Topics.LIFECYCLE, List.of(VALUE)).get(0);
        String oldKeyId = keys.signer(Topics.INTAKE_SERVICE).currentKeyId();

        EventKeysTool.run("rotate", keys.layout().home().toString(), Topics.INTAKE_SERVICE);
        ConsumerRecord<String, String> signedAfter = keys.published(Topics.LIFECYCLE, VALUE);

        assertEquals(oldKeyId, verifier.verify(signedBefore).keyId());
        String newKeyId = verifier.verify(signedAfter).keyId();
        assertEquals(keys.signer(Topics.INTAKE_SERVICE).currentKeyId(), newKeyId);

        EventKeysTool.run("retire", keys.layout().home().toString(), Topics.INTAKE_SERVICE, oldKeyId);

        assertRefused(Reason.UNKNOWN_KEY, signedBefore);
        assertEquals(newKeyId, verifier.verify(signedAfter).keyId());
    }

    @Test
    void findsAKeyPublishedAfterItsLastReadAsSoonAsARecordNamesIt() throws Exception {
        EventVerifier readRarely = keys.verifier(Duration.ofHours(1));
        readRarely.verify(keys.published(Topics.LIFECYCLE, VALUE));

        EventKeysTool.run("rotate", keys.layout().home().toString(), Topics.INTAKE_SERVICE);

        assertEquals(keys.signer(Topics.INTAKE_SERVICE).currentKeyId(),
                readRarely.verify(keys.published(Topics.LIFECYCLE, VALUE)).keyId());
    }

    private void assertRefused(Reason reason, ConsumerRecord<String, String> record) {
        RejectedEventException rejected = assertThrows(RejectedEventException.class, () -> verifier.verify(record));
        assertEquals(reason, rejected.reason(), rejected.getMessage());
    }
}
