package io.certpipe.console.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Event of a request's history, as {@code kubectl describe csr} lists it: when, of which type, why, from whom
 * (a service, {@code user/<name>} or {@code policy/<name>}) and what it says.
 */
public record HistoryEntry(Instant time, String type, String reason, String from, String message) {

    /** The reason of the Event intake records for each approval before the last that a signer needs. */
    static final String APPROVAL_RECORDED = "ApprovalRecorded";
    private static final String USER_PREFIX = "user/";

    /** The Events of an {@code EventList}, oldest first. */
    static List<HistoryEntry> of(JsonNode eventList) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonNode event : eventList.path("items")) {
            String from = event.path("source").path("component").asText(event.path("reportingComponent").asText());
            entries.add(new HistoryEntry(time(event), event.path("type").asText(), event.path("reason").asText(),
                    from, event.path("message").asText()));
        }
        entries.sort(Comparator.comparing(HistoryEntry::time, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(entries);
    }

    public boolean isWarning() {
        return "Warning".equals(type);
    }

    /** Whether this is one person's approval of a request that needs more than one. */
    boolean isRecordedApproval() {
        return APPROVAL_RECORDED.equals(reason);
    }

    /** The person an Event from {@code user/<name>} names. */
    String user() {
        return from.startsWith(USER_PREFIX) ? from.substring(USER_PREFIX.length()) : from;
    }

    private static Instant time(JsonNode event) {
        for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
            String text = event.path(field).asText("");
            if (!text.isEmpty()) {
                return Instant.parse(text);
            }
        }
        String created = event.path("metadata").path("creationTimestamp").asText("");
        return created.isEmpty() ? null : Instant.parse(created);
    }
}
