package io.certpipe.automation.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.Envelope;
import io.certpipe.automation.RequestData;

/** A request as it travels: a structured CloudEvent on the client's request topic, keyed by its requestId. */
final class RequestRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestRecords() {
    }

    static ProducerRecord<String, String> request(String client, String requestId, String cluster, ObjectNode csr,
            Instant now) {
        requireRequestId(requestId);
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(csr, "csr");
        // The source names the sender as the API will know it: intake refuses a certpipe:automation: source that
        // names another client than the topic's.
        var envelope = new Envelope(Envelope.SPEC_VERSION, UUID.randomUUID().toString(),
                AutomationContract.kubernetesUser(client), AutomationContract.REQUESTED_TYPE, now.toString(), null,
                Envelope.DATA_CONTENT_TYPE, JSON.valueToTree(new RequestData(requestId, cluster, csr)));
        // Keyed by requestId, so a request and its retries land on one partition, in the order they were sent.
        var record = new ProducerRecord<>(AutomationContract.requestsTopic(client), requestId, json(envelope));
        record.headers().add(AutomationContract.CONTENT_TYPE_HEADER,
                AutomationContract.CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII));
        return record;
    }

    private static void requireRequestId(String requestId) {
        if (requestId == null || requestId.isEmpty()
                || requestId.length() > AutomationContract.MAX_REQUEST_ID_LENGTH) {
            throw new IllegalArgumentException("a requestId has 1 to " + AutomationContract.MAX_REQUEST_ID_LENGTH
                    + " characters: " + requestId);
        }
    }

    private static String json(Envelope envelope) {
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON", e);
        }
    }
}
