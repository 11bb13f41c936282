package io.certpipe.intake.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.certpipe.kube.HumanDuration;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Table;

/** Kubernetes' printer for Events, server side: what {@code kubectl get events} shows. */
final class EventTable {

    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Last Seen", "string", "", "Time when this event was last observed.", 0),
            new Table.Column("Type", "string", "", "Type of this event (Normal, Warning).", 0),
            new Table.Column("Reason", "string", "", "Why the action was taken.", 0),
            new Table.Column("Object", "string", "", "The object this event is about.", 0),
            new Table.Column("Source", "string", "", "The component (user, policy or service) that acted.", 1),
            new Table.Column("Message", "string", "", "A human-readable description of the event.", 0),
            new Table.Column("First Seen", "string", "", "Time when this event was first observed.", 1),
            new Table.Column("Count", "integer", "", "How many times this event has occurred.", 1),
            new Table.Column("Name", "string", "name", "The event's name.", 1));

    private EventTable() {
    }

    static Table render(List<KubeEvent> events, Instant now, Table.IncludeObject include) {
        long revision = events.stream().mapToLong(event -> Long.parseLong(event.metadata().resourceVersion()))
                .max().orElse(0);
        return Table.of(revision, COLUMNS, events.stream().map(event -> row(event, now, include)).toList());
    }

    private static Table.Row row(KubeEvent event, Instant now, Table.IncludeObject include) {
        String age = HumanDuration.of(Duration.between(event.lastTimestamp(), now));
        List<Object> cells = List.of(age, event.type(), event.reason(),
                "certificatesigningrequest/" + event.involvedObject().name(), event.source().component(),
                event.message(), HumanDuration.of(Duration.between(event.firstTimestamp(), now)), event.count(),
                event.metadata().name());
        Object object = switch (include) {
            case NONE -> null;
            case METADATA -> Table.PartialObjectMetadata.of(new ObjectMeta(event.metadata().name(), null,
                    event.metadata().uid(), event.metadata().resourceVersion(), event.metadata().creationTimestamp(),
                    null, null));
            case OBJECT -> event;
        };
        return new Table.Row(cells, object);
    }
}
