package io.certpipe.approval.decision;

import io.certpipe.common.consumer.ChannelTopicsSource;
import io.certpipe.common.event.Topics;

/** approval-service reads the lifecycle stream and parks what it cannot parse on its own dead-letter topic. */
public class ChannelTopics extends ChannelTopicsSource {

    public ChannelTopics() {
        super(new Binding(CreatedRequestConsumer.CHANNEL, Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_APPROVAL));
    }
}
