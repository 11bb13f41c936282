package io.certpipe.intake.automation;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.BatchProcessing;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every automation client's request topic (by pattern: a client added at run time is read within seconds) and
 * has {@link AutomationIntake} answer each poll's records. A batch that keeps failing is taken record by record and a
 * record that still fails is parked on the dead-letter topic, so no client's record holds up another's.
 */
@ApplicationScoped
public class AutomationRequests {

    public static final String CHANNEL = "automation-requests";

    private final BatchProcessing processing;
    private final AutomationIntake intake;

    public AutomationRequests(BatchProcessing processing, AutomationIntake intake) {
        this.processing = processing;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    public Uni<Void> requests(KafkaRecordBatch<String, String> batch) {
        return processing.processRecords(CHANNEL, batch, intake::answer);
    }
}
