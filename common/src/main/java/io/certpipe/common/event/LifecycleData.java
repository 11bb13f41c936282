package io.certpipe.common.event;

/**
 * Data of every event on {@link Topics#LIFECYCLE}: the request as it is after the change, and the reason and message
 * of the change itself (a condition's, or why it was deleted).
 */
public record LifecycleData(Actor actor, CsrSnapshot csr, String reason, String message) implements EventData {
}
