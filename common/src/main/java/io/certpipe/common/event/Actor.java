package io.certpipe.common.event;

import java.util.List;

/**
 * Who caused an event: a person or client (by its authenticated name and groups), a named policy, or a service acting
 * on its own schedule. Every event's data carries one, so the stream alone answers "who did this".
 */
public record Actor(Kind kind, String username, List<String> groups) {

    public enum Kind {
        user, policy, service
    }

    public Actor {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static Actor user(String username, List<String> groups) {
        return new Actor(Kind.user, username, groups);
    }

    public static Actor policy(String policyName) {
        return new Actor(Kind.policy, policyName, List.of());
    }

    public static Actor service(String serviceName) {
        return new Actor(Kind.service, serviceName, List.of());
    }
}
