package io.certpipe.common.event;

/**
 * gc-service found a request past its retention; {@code reason} names the rule, {@code message} the deadline.
 * {@code resourceVersion} is the version of the request the deadline was computed from: intake deletes only a request
 * still at that version, so one that changed meanwhile (say, approved while pending) is judged again.
 */
public record ExpirationData(Actor actor, String reason, String message, long resourceVersion) implements EventData {
}
