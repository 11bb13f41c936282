package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.Topics;

/**
 * An event that a consumer cannot process however often it tries is parked on that consumer's dead-letter topic at
 * once, with the failure in its headers, and the records behind it on its partition are processed within seconds, not
 * after the retry bound (minutes) and not never. The event: an {@code issued} lifecycle event that describes no
 * request, signed with intake-service's key as if intake had a bug. approval-service and signing-service skip it (not a
 * type they answer); gc-service reads every lifecycle event as the request's state and fails for good on it.
 */
class PermanentFailureIT {

    private static final String GC_SERVICE = "gc-service";

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void anEventThatFailsForGoodIsParkedAndItsPartitionMovesOn() {
        double parkedBefore = parkedByGc();
        String marker = UUID.randomUUID().toString();
        int partitions = KafkaTopics.partitionCount(Topics.LIFECYCLE);
        for (int partition = 0; partition < partitions; partition++) {
            CloudEvent withoutRequest = issuedWithoutRequest(marker);
            KafkaTopics.publish(Topics.LIFECYCLE, partition, withoutRequest.key(), EventCodec.encode(withoutRequest));
        }

        // A request created after them: its lifecycle events queue behind one of them.
        String name = Csrs.uniqueName("behind-a-parked-event");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=heidi/O=dev-team");
        admin.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
        admin.approve(name);
        Csrs.awaitCertificate(admin, name);
        KafkaTopics.awaitConsumed(GC_SERVICE, Topics.LIFECYCLE);

        List<ConsumerRecord<String, String>> parked = KafkaTopics.readAll(Topics.LIFECYCLE_DLQ_GC).stream()
                .filter(record -> record.value() != null && record.value().contains(marker))
                .toList();
        assertEquals(partitions, parked.size(), "one parked from every partition, once: " + parked);
        assertEquals(IntStream.range(0, partitions).mapToObj(Integer::toString).collect(Collectors.toSet()),
                parked.stream().map(record -> KafkaTopics.header(record, "dead-letter-partition"))
                        .collect(Collectors.toSet()));
        for (ConsumerRecord<String, String> record : parked) {
            assertEquals(Topics.LIFECYCLE, KafkaTopics.header(record, "dead-letter-topic"));
            assertEquals(MalformedEventException.class.getName(),
                    KafkaTopics.header(record, "dead-letter-cause-class-name"));
            assertTrue(KafkaTopics.header(record, "dead-letter-reason").startsWith("permanent after 1 attempt: "),
                    "given up at the first failure: " + KafkaTopics.header(record, "dead-letter-reason"));
        }
        Poll.until("gc-service to count the parked events", () -> parkedByGc() >= parkedBefore + partitions
                ? Optional.of(true) : Optional.empty());
    }

    /** A lifecycle event that says a request was issued without describing the request. */
    private static CloudEvent issuedWithoutRequest(String marker) {
        return CloudEvent.of(EventType.ISSUED, "/certpipe/e2e-tests", Stack.CLUSTER, "without-request",
                UUID.randomUUID().toString(), new LifecycleData(Actor.service("e2e-tests"), null, "NoRequest",
                        marker));
    }

    /** What gc-service's metrics say it parked on its lifecycle channel because processing failed for good. */
    private static double parkedByGc() {
        return Metrics.sum(Stack.gcMetrics(), "certpipe_events_dead_lettered_total",
                Set.of("channel=\"lifecycle\"", "reason=\"permanent\""));
    }
}
