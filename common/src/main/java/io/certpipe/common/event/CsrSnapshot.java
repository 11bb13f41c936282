package io.certpipe.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole state of one request after a change, as intake stored it. Lifecycle events carry it so that the
 * controllers need no copy of intake's database. {@code request} is the PKCS#10 in PEM; {@code certificate} is the
 * issued chain in PEM or null. Neither ever holds a private key.
 */
public record CsrSnapshot(
        String cluster,
        String name,
        String uid,
        long resourceVersion,
        Instant creationTimestamp,
        String signerName,
        String request,
        List<String> usages,
        Integer expirationSeconds,
        String username,
        String userUid,
        List<String> groups,
        Map<String, List<String>> extra,
        List<CsrCondition> conditions,
        String certificate) {

    public CsrSnapshot {
        usages = usages == null ? List.of() : List.copyOf(usages);
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public boolean hasCondition(String type) {
        return conditions.stream().anyMatch(condition -> condition.type().equals(type));
    }
}
