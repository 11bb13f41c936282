package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;

/**
 * At-least-once delivery made harmless: a redelivered approval, or one replayed by anyone who copied it with its
 * signature, re-publishes the stored certificate, never re-signs.
 */
class RedeliveryIT {

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void approvedEventDeliveredTwiceRepublishesTheSameCertificate() {
        String name = Csrs.uniqueName("delivered-twice");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=grace/O=dev-team");
        admin.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        admin.approve(name);
        String certificate = Csrs.awaitCertificate(admin, name);
        String uid = admin.get(name).path("metadata").path("uid").asText();
        SignedData first = (SignedData) KafkaTopics.awaitEvents(EventType.SIGNED, uid, 1).get(0).data();

        ConsumerRecord<String, String> approved = KafkaTopics.record(EventType.APPROVED.topic(), EventType.APPROVED,
                uid);
        // Redelivered as the broker would: the same bytes with intake's signature, which still verifies.
        KafkaTopics.send(approved.topic(), approved.partition(), approved.key(), approved.value(),
                approved.headers());

        List<CloudEvent> signed = KafkaTopics.awaitEvents(EventType.SIGNED, uid, 2);
        assertEquals(2, signed.size(), "one re-publication for one redelivery: " + signed);
        SignedData again = (SignedData) signed.get(1).data();
        assertEquals(first.serialNumber(), again.serialNumber(), "re-published, not re-signed");
        assertEquals(first.certificate(), again.certificate());

        KafkaTopics.awaitConsumed("intake-service", EventType.SIGNED.topic());
        assertEquals(certificate, Csrs.awaitCertificate(admin, name), "the request's certificate is unchanged");
        assertEquals(1, KafkaTopics.events(EventType.ISSUED, uid).size(), "issued once");
    }
}
