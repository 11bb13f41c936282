package io.certpipe.common.event;

/** approval-service's verdict on one request. {@link Verdict#DEFER} leaves it for a human and changes nothing. */
public record DecisionData(Actor actor, Verdict verdict, String reason, String message) implements EventData {

    public enum Verdict {
        APPROVE, DENY, DEFER
    }
}
