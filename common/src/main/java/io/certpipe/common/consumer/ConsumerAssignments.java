package io.certpipe.common.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * A service is ready only when each of its Kafka consumers holds partitions. The connector's own check counts a
 * consumer that has never reached the broker as fine; a consumer that has not joined its group yet would leave events
 * waiting unseen, so "ready" here means every incoming channel has its share of the topic. A channel that reads every
 * topic matching a pattern (the automation clients' request topics) may rightly hold none: there may be no client yet.
 */
@Readiness
@ApplicationScoped
public class ConsumerAssignments implements AsyncHealthCheck {

    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaClientService kafka;
    private final Config config;

    public ConsumerAssignments(KafkaClientService kafka, Config config) {
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<String> channels = kafka.getConsumerChannels().stream().sorted().toList();
        List<Uni<Integer>> assigned = channels.stream().map(this::assignedPartitions).toList();
        if (assigned.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.up("kafka consumers"));
        }
        return Uni.join().all(assigned).andFailFast().map(counts -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka consumers").up();
            for (int i = 0; i < channels.size(); i++) {
                response.withData(channels.get(i), counts.get(i) + " partitions assigned");
                if (counts.get(i) == 0 && !readsByPattern(channels.get(i))) {
                    response.down();
                }
            }
            return response.build();
        });
    }

    private boolean readsByPattern(String channel) {
        return config.getOptionalValue("mp.messaging.incoming." + channel + ".pattern", Boolean.class).orElse(false);
    }

    private Uni<Integer> assignedPartitions(String channel) {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
        if (consumer == null) {
            return Uni.createFrom().item(0);
        }
        return consumer.getAssignments()
                .ifNoItem().after(ASSIGNMENT_TIMEOUT).recoverWithItem(Set.<TopicPartition>of())
                .onFailure().recoverWithItem(Set.of())
                .map(Set::size);
    }
}
