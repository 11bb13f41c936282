package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.Topics;

/**
 * Records that are no certpipe event are parked on each consumer's dead-letter topic; the pipeline goes on. The poison
 * is signed with its topic's real publisher key, as if that service had a bug, so it passes verification and is
 * parked by decoding (an unsigned one would be refused before, as EventSignatureIT shows).
 */
class PoisonRecordIT {

    /** Each input topic and the dead-letter topic of every service consuming it. */
    private static final Map<String, List<String>> DEAD_LETTER_TOPICS = Map.of(
            Topics.LIFECYCLE, List.of(Topics.LIFECYCLE_DLQ_APPROVAL, Topics.LIFECYCLE_DLQ_SIGNING,
                    Topics.LIFECYCLE_DLQ_GC),
            Topics.APPROVAL_DECISIONS, List.of(Topics.APPROVAL_DECISIONS_DLQ_INTAKE));

    @TempDir
    static Path work;

    @Test
    void poisonRecordsAreParkedAndLaterRequestsStillFlow() {
        String marker = UUID.randomUUID().toString();
        Map<String, List<String>> poisonByTopic = Map.of(
                Topics.LIFECYCLE, poisonEveryPartition(Topics.LIFECYCLE, marker),
                Topics.APPROVAL_DECISIONS, poisonEveryPartition(Topics.APPROVAL_DECISIONS, marker));

        DEAD_LETTER_TOPICS.forEach((input, deadLetterTopics) -> deadLetterTopics.forEach(deadLetterTopic -> Poll.until(
                "the poison of " + input + " on " + deadLetterTopic, () -> {
                    List<String> parked = KafkaTopics.readAll(deadLetterTopic).stream()
                            .map(record -> record.value())
                            .filter(value -> value != null && value.contains(marker))
                            .toList();
                    return parked.containsAll(poisonByTopic.get(input)) ? Optional.of(parked) : Optional.empty();
                })));

        Identities.Identity node = Identities.bootstrapNode(work);
        String name = Csrs.uniqueName("after-poison");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, Identities.NODE_SUBJECT);
        Kubectl asNode = node.kubectl();
        asNode.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
                Csrs.KUBELET_CLIENT_USAGES).yaml());
        Csrs.awaitCertificate(asNode, name);
        JsonNode approved = Csrs.condition(asNode.get(name), CsrCondition.APPROVED).orElseThrow();
        assertEquals("AutoApproved", approved.path("reason").asText(),
                "approval-service and intake read past the poison: " + approved);
    }

    /**
     * Publishes a non-JSON value and a JSON object that is no CloudEvent on every partition of {@code topic}, so
     * whichever partition a later request lands on has poison ahead of it. Returns the values sent.
     */
    private static List<String> poisonEveryPartition(String topic, String marker) {
        List<String> sent = new ArrayList<>();
        for (int partition = 0; partition < KafkaTopics.partitionCount(topic); partition++) {
            String notJson = "not json " + marker + " " + partition;
            String notCloudEvent = "{\"poison\":\"" + marker + "\",\"partition\":" + partition + "}";
            for (String value : List.of(notJson, notCloudEvent)) {
                KafkaTopics.publish(topic, partition, "poison/" + marker, value);
                sent.add(value);
            }
        }
        return sent;
    }
}
