package io.certpipe.intake.eventkeys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.certpipe.common.event.signature.EventKeyFiles;
import io.certpipe.common.event.signature.EventSignature;
import io.certpipe.common.event.signature.TrustedKeys.TrustedKey;

/**
 * What intake publishes about the event signing keys certpipe's consumers trust: per publishing service, the
 * signature algorithm and every key it may sign with now (a key rotating in and the one rotating out both). The same
 * document per service is the value of its record on {@code Topics.EVENT_SIGNING_KEYS} and an entry of the API's
 * {@code /event-signing-keys} answer.
 */
public record EventSigningKeys(String service, String algorithm, List<Key> keys) {

    public record Key(String keyId, String publicKey) {
    }

    /** The keys of {@code trusted} by service, in service order; a service with no key left is absent. */
    static Map<String, EventSigningKeys> byService(List<TrustedKey> trusted) {
        return trusted.stream().collect(Collectors.groupingBy(TrustedKey::service, TreeMap::new,
                        Collectors.mapping(key -> new Key(key.keyId(), EventKeyFiles.publicKeyPem(key.key())),
                                Collectors.toList())))
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> new EventSigningKeys(entry.getKey(), EventSignature.ALGORITHM, entry.getValue()),
                        (first, second) -> first, LinkedHashMap::new));
    }

    /** A service whose every key has been retired: its record says so, so compaction keeps no stale key. */
    static EventSigningKeys none(String service) {
        return new EventSigningKeys(service, EventSignature.ALGORITHM, List.of());
    }
}
