package io.certpipe.common.event.chain;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.certpipe.common.event.CloudEvent;

/** Something wrong (or worth a look) with one record of the audit stream, named so an operator can fetch it. */
public record AuditFinding(String topic, int partition, long offset, String eventId, String what) {

    /** A finding about {@code record}, whose value decoded to {@code event} (null if it did not). */
    static AuditFinding of(ConsumerRecord<String, String> record, CloudEvent event, String what) {
        return new AuditFinding(record.topic(), record.partition(), record.offset(),
                event == null ? "(not a certpipe event)" : event.id(), what);
    }

    @Override
    public String toString() {
        return topic + " partition " + partition + " offset " + offset + " event " + eventId + ": " + what;
    }
}
