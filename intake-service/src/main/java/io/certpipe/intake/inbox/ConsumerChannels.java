package io.certpipe.intake.inbox;

import io.certpipe.common.consumer.ConsumerChannelSource;
import io.certpipe.common.event.Topics;

/** intake's three inputs: what approval-service, signing-service and gc-service answer. */
public class ConsumerChannels extends ConsumerChannelSource {

    public ConsumerChannels() {
        super("intake-service",
                new Binding(ControllerResults.DECISIONS, Topics.APPROVAL_DECISIONS, Topics.APPROVAL_DECISIONS_DLQ_INTAKE),
                new Binding(ControllerResults.SIGNING_RESULTS, Topics.SIGNING_RESULTS,
                        Topics.SIGNING_RESULTS_DLQ_INTAKE),
                new Binding(ControllerResults.EXPIRATIONS, Topics.GC_EXPIRATIONS, Topics.GC_EXPIRATIONS_DLQ_INTAKE));
    }
}
