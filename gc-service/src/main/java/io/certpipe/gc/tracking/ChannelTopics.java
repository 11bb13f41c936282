package io.certpipe.gc.tracking;

import io.certpipe.common.consumer.ChannelTopicsSource;
import io.certpipe.common.event.Topics;

/** gc-service reads the lifecycle stream and parks what it cannot parse on its own dead-letter topic. */
public class ChannelTopics extends ChannelTopicsSource {

    public ChannelTopics() {
        super(new Binding(LifecycleConsumer.CHANNEL, Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_GC));
    }
}
