package io.certpipe.kube;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of Kubernetes' {@code ObjectMeta} certpipe reads; other fields a client sends are ignored. Finalizers and
 * owner references are read only so that {@link ObjectMetaValidation} can refuse them: certpipe keeps neither.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectMeta(String name, String generateName, String uid, String resourceVersion,
        Instant creationTimestamp, Map<String, String> labels, Map<String, String> annotations,
        List<String> finalizers, List<Map<String, Object>> ownerReferences) {

    /** {@code k8s.io/apiserver/pkg/storage/names}: at most 63 characters, 5 of them random. */
    private static final int MAX_GENERATED_NAME_LENGTH = 63;
    private static final int RANDOM_SUFFIX_LENGTH = 5;
    /** {@code k8s.io/apimachinery/pkg/util/rand}: no vowels, no look-alikes. */
    private static final String RANDOM_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Metadata as the server writes it, which never carries finalizers or owner references. */
    public ObjectMeta(String name, String generateName, String uid, String resourceVersion,
            Instant creationTimestamp, Map<String, String> labels, Map<String, String> annotations) {
        this(name, generateName, uid, resourceVersion, creationTimestamp, labels, annotations, null, null);
    }

    /** Nothing at all, for a body without {@code metadata}. */
    public static ObjectMeta none() {
        return new ObjectMeta(null, null, null, null, null, null, null);
    }

    /**
     * This metadata with a name generated from {@code generateName} when it has none, as kube-apiserver does before
     * it validates a new object: the prefix cut to leave room for five random characters.
     */
    public ObjectMeta withGeneratedName() {
        if (hasText(name) || !hasText(generateName)) {
            return this;
        }
        int keep = Math.min(generateName.length(), MAX_GENERATED_NAME_LENGTH - RANDOM_SUFFIX_LENGTH);
        StringBuilder generated = new StringBuilder(generateName.substring(0, keep));
        for (int i = 0; i < RANDOM_SUFFIX_LENGTH; i++) {
            generated.append(RANDOM_ALPHABET.charAt(RANDOM.nextInt(RANDOM_ALPHABET.length())));
        }
        return withName(generated.toString());
    }

    public ObjectMeta withName(String newName) {
        return new ObjectMeta(newName, generateName, uid, resourceVersion, creationTimestamp, labels, annotations,
                finalizers, ownerReferences);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isEmpty();
    }
}
