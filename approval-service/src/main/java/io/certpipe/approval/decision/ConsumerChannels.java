package io.certpipe.approval.decision;

import io.certpipe.common.consumer.BusClientSource;
import io.certpipe.common.event.Topics;

/** approval-service reads the lifecycle stream. */
public class ConsumerChannels extends BusClientSource {

    public ConsumerChannels() {
        super("approval-service", new Binding(CreatedRequestConsumer.CHANNEL, Topics.LIFECYCLE,
                Topics.LIFECYCLE_DLQ_APPROVAL).inBatches());
    }
}
