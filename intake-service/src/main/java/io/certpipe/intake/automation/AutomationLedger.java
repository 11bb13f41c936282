package io.certpipe.intake.automation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.reactive.mutiny.Mutiny;

/** What intake remembers of automation clients: the requests their requestIds made, and the records it answered. */
@ApplicationScoped
public class AutomationLedger {

    private final Mutiny.SessionFactory sessions;

    public AutomationLedger(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Which of {@code records} were answered before, by their place on the bus. */
    Uni<Set<AutomationDeliveryRow.Key>> answeredBefore(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Set<String> topics = records.stream().map(ConsumerRecord::topic).collect(Collectors.toSet());
        long lowest = records.stream().mapToLong(ConsumerRecord::offset).min().orElseThrow();
        return sessions.withSession(session -> session
                        .createSelectionQuery("from AutomationDeliveryRow where topic in :topics"
                                + " and recordOffset >= :lowest", AutomationDeliveryRow.class)
                        .setParameter("topics", topics)
                        .setParameter("lowest", lowest)
                        .getResultList())
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
