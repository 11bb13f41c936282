package io.certpipe.automation.client;

import java.lang.System.Logger.Level;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.automation.Envelope;
import io.certpipe.automation.ReplyData;
import io.certpipe.automation.ReplyType;

/**
 * Reads a record of the reply topic as a {@link Reply}. A record that is none (not JSON, a type this client does not
 * know, no requestId) is logged and skipped: the reader goes on with the next.
 */
final class ReplyRecords {

    private static final System.Logger LOG = System.getLogger(ReplyRecords.class.getName());
    /** Fields a later intake adds to a reply must not make this client's replies unreadable. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReplyRecords() {
    }

    static Optional<Reply> read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return skip(record, "it has no value");
        }
        Envelope envelope;
        ReplyData data;
        try {
            envelope = JSON.readValue(record.value(), Envelope.class);
            data = envelope.data() == null ? null : JSON.treeToValue(envelope.data(), ReplyData.class);
        } catch (JsonProcessingException e) {
            return skip(record, "it is not a CloudEvent in JSON: " + e.getOriginalMessage());
        }
        var type = ReplyType.fromType(envelope.type());
        if (type.isEmpty()) {
            return skip(record, "its type " + envelope.type() + " is no reply type this client knows");
        }
        if (data == null || data.requestId() == null) {
            return skip(record, "it names no requestId");
        }
        return Optional.of(new Reply(type.get(), envelope.id(), envelope.time(), envelope.subject(), data));
    }

    private static Optional<Reply> skip(ConsumerRecord<String, String> record, String why) {
        LOG.log(Level.WARNING, () -> "skipping the record at " + record.topic() + "-" + record.partition()
                + " offset " + record.offset() + ": " + why);
        return Optional.empty();
    }
}
