package io.certpipe.signing.issue;

import io.certpipe.common.consumer.BusClientSource;
import io.certpipe.common.event.Topics;

/** signing-service reads the lifecycle stream. */
public class ConsumerChannels extends BusClientSource {

    public ConsumerChannels() {
        super("signing-service",
                new Binding(ApprovedRequestConsumer.CHANNEL, Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_SIGNING).inBatches());
    }
}
