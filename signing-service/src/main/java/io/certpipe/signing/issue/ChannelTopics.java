package io.certpipe.signing.issue;

import io.certpipe.common.consumer.ChannelTopicsSource;
import io.certpipe.common.event.Topics;

/** signing-service reads the lifecycle stream and parks what it cannot parse on its own dead-letter topic. */
public class ChannelTopics extends ChannelTopicsSource {

    public ChannelTopics() {
        super(new Binding(ApprovedRequestConsumer.CHANNEL, Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_SIGNING));
    }
}
