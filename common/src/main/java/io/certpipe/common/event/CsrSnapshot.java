package io.certpipe.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole state of one request after a change, as intake stored it. Lifecycle events carry it so that the
 * controllers need no copy of intake's database. {@code request} is the PKCS#10 in PEM; {@code certificate} is the
 * issued chain in PEM or null. Neither ever holds a private key. {@code approvers} are the distinct people whose
 * approvals intake recorded for a signer that needs several, so that signing-service can check them again.
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
        String certificate,
        List<String> approvers) {

    public CsrSnapshot {
        usages = usages == null ? List.of() : List.copyOf(usages);
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** A request with no approvals recorded (none yet, or a signer that needs one approver). */
    public CsrSnapshot(String cluster, String name, String uid, long resourceVersion, Instant creationTimestamp,
            String signerName, String request, List<String> usages, Integer expirationSeconds, String username,
            String userUid, List<String> groups, Map<String, List<String>> extra, List<CsrCondition> conditions,
            String certificate) {
        this(cluster, name, uid, resourceVersion, creationTimestamp, signerName, request, usages, expirationSeconds,
                username, userUid, groups, extra, conditions, certificate, List.of());
    }

    public boolean hasCondition(String type) {
        return conditions.stream().anyMatch(condition -> condition.type().equals(type));
    }
}
