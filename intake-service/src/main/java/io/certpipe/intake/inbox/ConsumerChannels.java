package io.certpipe.intake.inbox;

import io.certpipe.common.consumer.BusClientSource;
import io.certpipe.common.event.Topics;
import io.certpipe.intake.signer.SignerCatalogue;

/**
 * intake's inputs: what approval-service, signing-service and gc-service answer, and the signers signing-service
 * serves (which every instance reads whole).
 */
public class ConsumerChannels extends BusClientSource {

    private static final String GROUP = "intake-service";

    public ConsumerChannels() {
        super(GROUP,
                new Binding(ControllerResults.DECISIONS, Topics.APPROVAL_DECISIONS, Topics.APPROVAL_DECISIONS_DLQ_INTAKE)
                        .inBatches(),
                new Binding(ControllerResults.SIGNING_RESULTS, Topics.SIGNING_RESULTS,
                        Topics.SIGNING_RESULTS_DLQ_INTAKE).inBatches(),
                new Binding(ControllerResults.EXPIRATIONS, Topics.GC_EXPIRATIONS, Topics.GC_EXPIRATIONS_DLQ_INTAKE)
                        .inBatches(),
                new Binding(SignerCatalogue.CHANNEL, Topics.SIGNERS, Topics.SIGNERS_DLQ_INTAKE));
        readByEveryInstance(SignerCatalogue.CHANNEL, GROUP);
    }
}
