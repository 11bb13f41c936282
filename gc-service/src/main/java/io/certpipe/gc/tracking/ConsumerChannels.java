package io.certpipe.gc.tracking;

import io.certpipe.common.consumer.BusClientSource;
import io.certpipe.common.event.Topics;

/** gc-service reads the lifecycle stream. */
public class ConsumerChannels extends BusClientSource {

    public ConsumerChannels() {
        super("gc-service",
                new Binding(LifecycleConsumer.CHANNEL, Topics.LIFECYCLE, Topics.LIFECYCLE_DLQ_GC).inBatches());
    }
}
