package io.certpipe.common.event;

/** gc-service found a request past its retention; {@code reason} names the rule, {@code message} the deadline. */
public record ExpirationData(Actor actor, String reason, String message) implements EventData {
}
