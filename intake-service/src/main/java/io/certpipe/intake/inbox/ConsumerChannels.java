package io.certpipe.intake.inbox;

import java.time.Duration;

import io.certpipe.automation.AutomationContract;
import io.certpipe.common.consumer.BusClientSource;
import io.certpipe.common.event.Topics;
import io.certpipe.intake.automation.AutomationRequests;
import io.certpipe.intake.signer.SignerCatalogue;

/**
 * intake's inputs: what approval-service, signing-service and gc-service answer, the signers signing-service serves
 * (which every instance reads whole), and every automation client's requests.
 */
public class ConsumerChannels extends BusClientSource {

    private static final String GROUP = "intake-service";
    /** How soon the requests of a client added at run time are read: the consumer's metadata refresh. */
    private static final Duration NEW_CLIENT_DISCOVERY = Duration.ofSeconds(5);

    public ConsumerChannels() {
        super(GROUP,
                new Binding(ControllerResults.DECISIONS, Topics.APPROVAL_DECISIONS, Topics.APPROVAL_DECISIONS_DLQ_INTAKE)
                        .inBatches(),
                new Binding(ControllerResults.SIGNING_RESULTS, Topics.SIGNING_RESULTS,
                        Topics.SIGNING_RESULTS_DLQ_INTAKE).inBatches(),
                new Binding(ControllerResults.EXPIRATIONS, Topics.GC_EXPIRATIONS, Topics.GC_EXPIRATIONS_DLQ_INTAKE)
                        .inBatches(),
                new Binding(SignerCatalogue.CHANNEL, Topics.SIGNERS, Topics.SIGNERS_DLQ_INTAKE),
                new Binding(AutomationRequests.CHANNEL, AutomationContract.requestsTopicPattern(),
                        Topics.AUTOMATION_REQUESTS_DLQ_INTAKE).inBatches());
        readByEveryInstance(SignerCatalogue.CHANNEL, GROUP);
        subscribeByPattern(AutomationRequests.CHANNEL, NEW_CLIENT_DISCOVERY);
        inGroupOfItsOwn(AutomationRequests.CHANNEL, GROUP);
    }
}
