package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventKeyFiles;
import io.certpipe.common.event.signature.RejectedEventException;

/**
 * Someone who can produce to the broker cannot have a certificate signed: an approved event for a request nobody made,
 * for {@code CN=forged-admin,O=platform-admins}, is refused by signing-service unless intake-service signed it, and
 * is parked with its reason while genuine requests keep flowing.
 */
class EventSignatureIT {

    private static final String CHANNEL = "lifecycle";
    private static final String REJECTED_METRIC = "certpipe_events_rejected_total";

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void forgedApprovalsAreParkedUnsignedAndGenuineRequestsStillGetCertificates() {
        ConsumerRecord<String, String> genuine = approvedRecordOfANewRequest("genuine-before-forgeries");
        CloudEvent approved = EventCodec.decode(genuine.value());
        String forgedRequest = Openssl.newKeyAndRequest(work, "forged-admin", "/CN=forged-admin/O=platform-admins")
                .requestPem();

        Map<RejectedEventException.Reason, CloudEvent> forgeries = new LinkedHashMap<>();
        Map<RejectedEventException.Reason, Headers> headers = new LinkedHashMap<>();
        for (RejectedEventException.Reason reason : List.of(RejectedEventException.Reason.UNSIGNED,
                RejectedEventException.Reason.BAD_SIGNATURE, RejectedEventException.Reason.UNKNOWN_KEY,
                RejectedEventException.Reason.WRONG_PUBLISHER)) {
            CloudEvent forged = forgedCopy(approved, forgedRequest);
            String value = EventCodec.encode(forged);
            forgeries.put(reason, forged);
            headers.put(reason, switch (reason) {
                case UNSIGNED -> new RecordHeaders();
                // The genuine record's signature, which is over other bytes.
                case BAD_SIGNATURE -> genuine.headers();
                case UNKNOWN_KEY -> PublisherKeys.signedWith(EventKeyFiles.newKeyPair(), value);
                // A real key of the stack, but approval-service's: it never speaks for the lifecycle topic.
                case WRONG_PUBLISHER -> PublisherKeys.signedWith(PublisherKeys.stackKey(Topics.APPROVAL_SERVICE),
                        value);
                case WRONG_TOPIC -> throw new IllegalStateException("not forged here");
            });
        }
        Map<RejectedEventException.Reason, Double> rejectedBefore = new LinkedHashMap<>();
        forgeries.keySet().forEach(reason -> rejectedBefore.put(reason, rejectedBySigning(reason)));

        // Every forgery on every partition, so whichever partition the next genuine request lands on has them ahead.
        int partitions = KafkaTopics.partitionCount(Topics.LIFECYCLE);
        forgeries.forEach((reason, forged) -> {
            for (int partition = 0; partition < partitions; partition++) {
                KafkaTopics.send(Topics.LIFECYCLE, partition, forged.key(), EventCodec.encode(forged),
                        headers.get(reason));
            }
        });
        ConsumerRecord<String, String> after = approvedRecordOfANewRequest("genuine-after-forgeries");

        forgeries.forEach((reason, forged) -> {
            List<ConsumerRecord<String, String>> parked = Poll.until(reason.tag() + " forgeries on "
                    + Topics.LIFECYCLE_DLQ_SIGNING, () -> {
                        List<ConsumerRecord<String, String>> found = KafkaTopics.readAll(
                                Topics.LIFECYCLE_DLQ_SIGNING).stream()
                                .filter(record -> record.value() != null
                                        && record.value().contains(forged.csruid()))
                                .toList();
                        return found.size() >= partitions ? Optional.of(found) : Optional.empty();
                    });
            for (ConsumerRecord<String, String> record : parked) {
                assertEquals(RejectedEventException.class.getName(),
                        KafkaTopics.header(record, "dead-letter-cause-class-name"));
                String deadLetterReason = KafkaTopics.header(record, "dead-letter-reason");
                assertTrue(deadLetterReason.startsWith("rejected after 1 attempt: ")
                        && deadLetterReason.contains(reason.tag() + ": "), reason.tag() + ": " + deadLetterReason);
            }
            Poll.until("signing-service to count the " + reason.tag() + " forgeries",
                    () -> rejectedBySigning(reason) >= rejectedBefore.get(reason) + partitions ? Optional.of(true)
                            : Optional.empty());
        });

        KafkaTopics.awaitEvents(EventType.SIGNED, EventCodec.decode(after.value()).csruid(), 1);
        KafkaTopics.awaitConsumed(Topics.SIGNING_SERVICE, Topics.LIFECYCLE);
        for (CloudEvent forged : forgeries.values()) {
            assertEquals(List.of(), KafkaTopics.events(EventType.TO_BE_SIGNED, forged.csruid()),
                    "no serial reserved for " + forged.csruid());
            assertEquals(List.of(), KafkaTopics.events(EventType.SIGNED, forged.csruid()),
                    "nothing signed for " + forged.csruid());
        }
    }

    /** A request created and approved through the API, once it has its certificate, and its approved record. */
    private ConsumerRecord<String, String> approvedRecordOfANewRequest(String prefix) {
        String name = Csrs.uniqueName(prefix);
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=" + name + "/O=dev-team");
        admin.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        admin.approve(name);
        Csrs.awaitCertificate(admin, name);
        String uid = admin.get(name).path("metadata").path("uid").asText();
        return KafkaTopics.record(Topics.LIFECYCLE, EventType.APPROVED, uid);
    }

    /** {@code approved} as a forger would copy it: a new event about a request nobody made, for {@code requestPem}. */
    private static CloudEvent forgedCopy(CloudEvent approved, String requestPem) {
        LifecycleData data = (LifecycleData) approved.data();
        CsrSnapshot csr = data.csr();
        String uid = UUID.randomUUID().toString();
        String name = "forged-" + uid;
        CsrSnapshot forgedCsr = new CsrSnapshot(csr.cluster(), name, uid, csr.resourceVersion(),
                csr.creationTimestamp(), csr.signerName(), requestPem, csr.usages(), csr.expirationSeconds(),
                csr.username(), csr.userUid(), csr.groups(), csr.extra(), csr.conditions(), null);
        return CloudEvent.of(EventType.APPROVED, approved.source(), approved.cluster(), name, uid,
                new LifecycleData(data.actor(), forgedCsr, data.reason(), data.message()));
    }

    private static double rejectedBySigning(RejectedEventException.Reason reason) {
        return Metrics.sum(Stack.signingMetrics(), REJECTED_METRIC,
                Set.of("channel=\"" + CHANNEL + "\"", "reason=\"" + reason.tag() + "\""));
    }
}
