package io.certpipe.intake.identity;

import java.util.List;
import java.util.Map;

import io.certpipe.common.event.Actor;

/** An authenticated caller, as Kubernetes' {@code user.Info}: name, uid, groups and extra attributes. */
public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {

    /** Every authenticated caller is in this group, as in Kubernetes. */
    public static final String AUTHENTICATED = "system:authenticated";

    public UserInfo {
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }

    public boolean isMemberOf(String group) {
        return groups.contains(group);
    }

    public Actor toActor() {
        return Actor.user(username, groups);
    }
}
