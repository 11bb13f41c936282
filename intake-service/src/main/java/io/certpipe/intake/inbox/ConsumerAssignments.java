package io.certpipe.intake.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every consumer holds partitions: a consumer that merely exists has not joined its group, and events
 * sent to intake before then would wait unseen.
 */
@Readiness
@ApplicationScoped
public class ConsumerAssignments implements AsyncHealthCheck {

    private static final List<String> CHANNELS = List.of(ControllerResults.DECISIONS,
            ControllerResults.SIGNING_RESULTS, ControllerResults.EXPIRATIONS);
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaClientService kafka;

    public ConsumerAssignments(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Integer>> assigned = CHANNELS.stream().map(this::assignedPartitions).toList();
        return Uni.join().all(assigned).andFailFast().map(counts -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("intake-service Kafka consumers").up();
            for (int i = 0; i < CHANNELS.size(); i++) {
                response.withData(CHANNELS.get(i), counts.get(i) + " partitions assigned");
                if (counts.get(i) == 0) {
                    response.down();
                }
            }
            return response.build();
        });
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
