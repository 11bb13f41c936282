package io.certpipe.intake.automation;

import java.util.Collection;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hibernate.reactive.mutiny.Mutiny;

/** What intake remembers of automation clients: the requests their requestIds made, and the records it answered. */
@ApplicationScoped
public class AutomationLedger {

    private final Mutiny.SessionFactory sessions;

    public AutomationLedger(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Which of {@code records} were answered before, by their place on the bus: one range of offsets per partition
     * read, so the primary key (topic, partition, offset) finds them without reading the topic's other answers.
     */
    Uni<Set<AutomationDeliveryRow.Key>> answeredBefore(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Map<TopicPartition, LongSummaryStatistics> ranges = records.stream().collect(Collectors.groupingBy(
                record -> new TopicPartition(record.topic(), record.partition()),
                Collectors.summarizingLong(ConsumerRecord::offset)));
        List<TopicPartition> partitions = List.copyOf(ranges.keySet());
        StringBuilder query = new StringBuilder("from AutomationDeliveryRow where ");
        for (int i = 0; i < partitions.size(); i++) {
            query.append(i == 0 ? "" : " or ").append("(topic = :topic").append(i).append(" and partition = :partition")
                    .append(i).append(" and recordOffset between :first").append(i).append(" and :last").append(i)
                    .append(')');
        }
        return sessions.withSession(session -> {
                    var select = session.createSelectionQuery(query.toString(), AutomationDeliveryRow.class);
                    for (int i = 0; i < partitions.size(); i++) {
                        LongSummaryStatistics offsets = ranges.get(partitions.get(i));
                        select.setParameter("topic" + i, partitions.get(i).topic())
                                .setParameter("partition" + i, partitions.get(i).partition())
                                .setParameter("first" + i, offsets.getMin())
                                .setParameter("last" + i, offsets.getMax());
                    }
                    return select.getResultList();
                })
                .map(rows -> rows.stream()
                        .map(row -> new AutomationDeliveryRow.Key(row.topic, row.partition, row.recordOffset))
                        .collect(Collectors.toSet()));
    }

    /** The requests made before under {@code keys}, by key. */
    Uni<Map<AutomationRequestRow.Key, AutomationRequestRow>> requestsMadeBefore(
            Collection<AutomationRequestRow.Key> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> clients = keys.stream().map(AutomationRequestRow.Key::client).collect(Collectors.toSet());
        Set<String> requestIds = keys.stream().map(AutomationRequestRow.Key::requestId).collect(Collectors.toSet());
        return sessions.withSession(session -> session
                        .createSelectionQuery("from AutomationRequestRow where client in :clients"
                                + " and requestId in :requestIds", AutomationRequestRow.class)
                        .setParameter("clients", clients)
                        .setParameter("requestIds", requestIds)
                        .getResultList())
                .map(rows -> rows.stream()
                        .filter(row -> keys.contains(new AutomationRequestRow.Key(row.client, row.requestId)))
                        .collect(Collectors.toMap(row -> new AutomationRequestRow.Key(row.client, row.requestId),
                                Function.identity())));
    }
}
