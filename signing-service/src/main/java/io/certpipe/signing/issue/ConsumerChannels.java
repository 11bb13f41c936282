package io.certpipe.signing.issue;

import io.certpipe.common.consumer.ConsumerChannelSource;
import io.certpipe.common.event.Topics;

/** signing-service reads the lifecycle stream. */
public class ConsumerChannels extends ConsumerChannelSource {

    public ConsumerChannels() {
        super("signing-service", new Binding(ApprovedRequestConsumer.CHANNEL, Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_SIGNING));
    }
}
