package io.certpipe.intake.automation;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A request record intake has answered, by its place on the bus. */
@Entity
@Table(name = "automation_delivery")
@IdClass(AutomationDeliveryRow.Key.class)
public class AutomationDeliveryRow {

    /** Where a record sits: its topic, partition and offset. */
    public record Key(String topic, int partition, long recordOffset) implements Serializable {
        public Key() {
            this(null, 0, 0);
        }

        static Key of(ConsumerRecord<?, ?> record) {
            return new Key(record.topic(), record.partition(), record.offset());
        }
    }

    @Id
    public String topic;

    @Id
    @Column(name = "partition_no")
    public int partition;

    @Id
    @Column(name = "record_offset")
    public long recordOffset;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;

    static AutomationDeliveryRow of(ConsumerRecord<?, ?> record) {
        AutomationDeliveryRow row = new AutomationDeliveryRow();
        row.topic = record.topic();
        row.partition = record.partition();
        row.recordOffset = record.offset();
        row.answeredAt = Instant.now();
        return row;
    }
}
