package io.certpipe.signing.issue;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the lifecycle consumer: UP once the group has assigned it partitions. The connector's own check counts
 * a broker it never reached as fine, while "ready" here means the consumer actually holds its share of the topic.
 */
@ApplicationScoped
@Identifier(LifecyclePartitions.NAME)
@Readiness
public class LifecyclePartitions implements KafkaConsumerRebalanceListener, HealthCheck {

    /** Referenced by {@code mp.messaging.incoming.lifecycle.consumer-rebalance-listener.name}. */
    public static final String NAME = "lifecycle-partitions";

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka consumer " + ApprovedRequestConsumer.CHANNEL)
                .status(!assigned.isEmpty())
                .withData("assignedPartitions", assigned.size())
                .build();
    }
}
